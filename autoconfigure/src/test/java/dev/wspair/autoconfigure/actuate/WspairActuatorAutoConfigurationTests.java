package dev.wspair.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import dev.wspair.autoconfigure.CounterConfiguration;
import dev.wspair.autoconfigure.WspairAutoConfiguration;
import dev.wspair.autoconfigure.WspairObjectsAutoConfiguration;
import dev.wspair.autoconfigure.metrics.MicrometerWebSocketObserver;
import dev.wspair.autoconfigure.metrics.WspairMetricsAutoConfiguration;
import dev.wspair.webflux.WebSocketConnections;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WspairEndpointAutoConfiguration} and {@link WspairHealthContributorAutoConfiguration}:
 * conditional on the actuator, on the endpoint being available and the indicator enabled; user
 * beans back off.
 */
class WspairActuatorAutoConfigurationTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WspairAutoConfiguration.class, WspairMetricsAutoConfiguration.class,
                WspairEndpointAutoConfiguration.class, WspairHealthContributorAutoConfiguration.class));

    @Test
    void endpointIsNotCreatedUnlessExposed() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(WspairEndpoint.class)
            .doesNotHaveBean(WspairEndpointWebExtension.class));
    }

    @Test
    void exposingTheEndpointOverTheWebCreatesItAndItsWebExtension() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=wspair")
            .run(context -> assertThat(context).hasSingleBean(WspairEndpoint.class).hasSingleBean(WspairEndpointWebExtension.class));
    }

    @Test
    void exposingTheEndpointOverJmxOnlyLeavesOutTheWebExtension() {
        this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=wspair")
            .run(context -> assertThat(context).hasSingleBean(WspairEndpoint.class).doesNotHaveBean(WspairEndpointWebExtension.class));
    }

    @Test
    void aDisabledEndpointIsNotCreatedEvenWhenExposed() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=wspair", "management.endpoint.wspair.access=NONE")
            .run(context -> assertThat(context).doesNotHaveBean(WspairEndpoint.class));
    }

    @Test
    void withoutTheActuatorThereIsNoEndpoint() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=wspair")
            .withClassLoader(new FilteredClassLoader(Endpoint.class))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WspairEndpoint.class));
    }

    @Test
    void usageComesFromTheMetricsWhenThereAreAny() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=wspair")
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .run(context -> {
                assertThat(context).hasSingleBean(MicrometerWebSocketObserver.class);
                assertThat(context.getBean(WspairEndpoint.class).wspair(null, null)).containsKey("usage");
            });
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=wspair")
            .run(context -> assertThat(context.getBean(WspairEndpoint.class).wspair(null, null)).doesNotContainKey("usage"));
    }

    @Test
    void contributorsAddSectionsAfterTheBuiltInOnes() {
        WspairEndpointContributor rooms = new WspairEndpointContributor() {

            @Override
            public String name() {
                return "rooms";
            }

            @Override
            public Object describe(int page, int size) {
                return Map.of("page", page, "size", size);
            }
        };
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=wspair")
            .withBean(WspairEndpointContributor.class, () -> rooms)
            .run(context -> {
                Map<String, Object> body = context.getBean(WspairEndpoint.class).wspair(2, 10);
                assertThat(body.keySet()).containsExactly("connections", "routes", "sockets", "rooms");
                assertThat(body.get("rooms")).as("the request's paging").isEqualTo(Map.of("page", 2, "size", 10));
            });
    }

    @Test
    void aContributorMayNotReplaceABuiltInSection() {
        WspairEndpointContributor routes = new WspairEndpointContributor() {

            @Override
            public String name() {
                return "routes";
            }

            @Override
            public Object describe(int page, int size) {
                return Map.of();
            }
        };
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=wspair")
            .withBean(WspairEndpointContributor.class, () -> routes)
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessage("A WspairEndpointContributor may not replace the built-in section 'routes'"));
    }

    @Test
    void aUserEndpointReplacesOurs() {
        WspairEndpoint mine = new WspairEndpoint(new WebSocketConnections(), null, List.of());
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=wspair")
            .withBean(WspairEndpoint.class, () -> mine)
            .run(context -> {
                assertThat(context.getBean(WspairEndpoint.class)).isSameAs(mine);
                assertThat(context.getBean(WspairEndpointWebExtension.class)).extracting("endpoint").isSameAs(mine);
            });
    }

    @Test
    void objectsSectionAndHealthOnlyWhenTheApplicationDeclaresANamespace() {
        ReactiveWebApplicationContextRunner objects = this.runner
            .withConfiguration(AutoConfigurations.of(WspairObjectsAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=wspair", "wspair.objects.store=memory");
        objects.run(context -> {
            assertThat(context).doesNotHaveBean(ObjectsEndpointContributor.class).doesNotHaveBean(WspairObjectsHealthIndicator.class);
            assertThat(context.getBean(WspairEndpoint.class).wspair(null, null)).doesNotContainKey("objects");
            assertThat(context.getBeanFactory().containsSingleton("wspairObjectNamespaces")).as("no runtime created for the actuator").isFalse();
        });
        objects.withUserConfiguration(CounterConfiguration.class).run(context -> {
            assertThat(context.getBean(WspairEndpoint.class).wspair(null, null).get("objects"))
                .isEqualTo(new ObjectsEndpointContributor.ObjectsSection(Map.of("counters", new ObjectsEndpointContributor.NamespaceDescriptor(0, 0, 0)),
                        0, WspairEndpoint.DEFAULT_PAGE_SIZE, 0, List.of()));
            assertThat(context.getBean("wspairObjectsHealthIndicator", HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
        objects.withUserConfiguration(CounterConfiguration.class).withPropertyValues("management.health.wspair.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(WspairObjectsHealthIndicator.class));
    }

    @Test
    void healthIndicatorIsOnByDefaultAndUpWithNoConnections() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(WspairHealthIndicator.class);
            assertThat(context.getBean("wspairHealthIndicator", HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void healthIndicatorCanBeDisabled() {
        this.runner.withPropertyValues("management.health.wspair.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(WspairHealthIndicator.class));
    }

    @Test
    void withoutBootsHealthSupportThereIsNoHealthIndicator() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WspairHealthIndicator.class));
    }

    @Test
    void aUserHealthIndicatorWithTheSameNameReplacesOurs() {
        HealthIndicator mine = () -> null;
        this.runner.withBean("wspairHealthIndicator", HealthIndicator.class, () -> mine)
            .run(context -> assertThat(context).doesNotHaveBean(WspairHealthIndicator.class)
                .getBean("wspairHealthIndicator")
                .isSameAs(mine));
    }
}
