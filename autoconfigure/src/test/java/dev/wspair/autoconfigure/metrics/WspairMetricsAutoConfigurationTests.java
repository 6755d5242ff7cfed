package dev.wspair.autoconfigure.metrics;

import dev.wspair.autoconfigure.CounterConfiguration;
import dev.wspair.autoconfigure.WspairAutoConfiguration;
import dev.wspair.autoconfigure.WspairObjectsAutoConfiguration;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.testing.Counter;
import dev.wspair.webflux.ConnectionObservation;
import dev.wspair.webflux.WebSocketObserver;
import dev.wspair.webflux.WebSocketUpgrader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.MaximumAllowableTagsMeterFilter;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WspairMetricsAutoConfiguration}: only with a registry, switchable, replaceable, seen by the upgrader. */
class WspairMetricsAutoConfigurationTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WspairAutoConfiguration.class, WspairMetricsAutoConfiguration.class));

    private final ReactiveWebApplicationContextRunner withBootMetrics = this.runner
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class));

    @Test
    void observerIsRegisteredWithBootsRegistryAndTheUpgraderReportsToIt() {
        this.withBootMetrics.run(context -> {
            assertThat(context).hasSingleBean(MicrometerWebSocketObserver.class).hasSingleBean(WebSocketObserver.class);
            MicrometerWebSocketObserver observer = context.getBean(MicrometerWebSocketObserver.class);
            assertThat(context.getBean(WebSocketUpgrader.class)).extracting("observer").isSameAs(observer);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find(WspairMeters.OUTBOUND_QUEUED_BYTES).gauge()).isNotNull();
        });
    }

    @Test
    void noRegistryMeansNoObserverAndTheUpgraderObservesNothing() {
        this.runner.run(context -> {
            assertThat(context).doesNotHaveBean(WebSocketObserver.class);
            assertThat(context.getBean(WebSocketUpgrader.class)).extracting("observer").isSameAs(WebSocketObserver.NONE);
        });
    }

    @Test
    void aPlainRegistryBeanIsEnough() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .run(context -> assertThat(context).hasSingleBean(MicrometerWebSocketObserver.class));
    }

    @Test
    void micrometerMissingFromTheClasspathMeansNoObserver() {
        this.runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run(context -> assertThat(context).doesNotHaveBean(WebSocketObserver.class));
    }

    @Test
    void metricsCanBeSwitchedOff() {
        this.withBootMetrics.withPropertyValues("wspair.metrics.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(WebSocketObserver.class).doesNotHaveBean(MaximumAllowableTagsMeterFilter.class);
            assertThat(context.getBean(WebSocketUpgrader.class)).extracting("observer").isSameAs(WebSocketObserver.NONE);
        });
    }

    @Test
    void aUserObserverReplacesTheMicrometerOne() {
        WebSocketObserver mine = route -> ConnectionObservation.NONE;
        this.withBootMetrics.withBean(WebSocketObserver.class, () -> mine).run(context -> {
            assertThat(context).doesNotHaveBean(MicrometerWebSocketObserver.class);
            assertThat(context.getBean(WebSocketUpgrader.class)).extracting("observer").isSameAs(mine);
        });
    }

    @Test
    void routeTagsAreCappedAtTheConfiguredMaximum() {
        this.withBootMetrics.withPropertyValues("wspair.metrics.max-route-tags=2").run(context -> {
            assertThat(context).hasSingleBean(MaximumAllowableTagsMeterFilter.class);
            MicrometerWebSocketObserver observer = context.getBean(MicrometerWebSocketObserver.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            observer.rejected("/a", "bad-request");
            observer.rejected("/b", "bad-request");
            observer.rejected("/c", "bad-request");
            assertThat(registry.find(WspairMeters.HANDSHAKE_REJECTIONS).counters()).hasSize(2);
            assertThat(registry.get(WspairMeters.HANDSHAKE_REJECTIONS).tag(WspairMeters.ROUTE, "/b").counter().count()).isEqualTo(1);
        });
    }

    @Test
    void withoutBootsMetricsModuleTheObserverStillCapsRoutesItself() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withClassLoader(new FilteredClassLoader(MaximumAllowableTagsMeterFilter.class))
            .run(context -> assertThat(context).hasSingleBean(MicrometerWebSocketObserver.class)
                .doesNotHaveBean(MaximumAllowableTagsMeterFilter.class));
    }

    @Test
    void objectMetersAreBoundOnlyWhenTheApplicationDeclaresANamespace() {
        ReactiveWebApplicationContextRunner objects = this.withBootMetrics
            .withConfiguration(AutoConfigurations.of(WspairObjectsAutoConfiguration.class))
            .withPropertyValues("wspair.objects.store=memory");
        objects.run(context -> {
            assertThat(context).doesNotHaveBean(ObjectMeters.class);
            assertThat(context.getBean(MeterRegistry.class).find(WspairMeters.OBJECTS_STORAGE_COMMIT).timer()).isNull();
            assertThat(context.getBeanFactory().containsSingleton("wspairObjectNamespaces")).as("no runtime created for meters").isFalse();
        });
        objects.withUserConfiguration(CounterConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(ObjectMeters.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(WspairMeters.OBJECTS_STORAGE_COMMIT).timer().count()).isZero();
            assertThat(registry.get(WspairMeters.OBJECTS_LIVE).tag(WspairMeters.NAMESPACE, "counters").gauge().value()).isZero();
            assertThat(registry.get(WspairMeters.OBJECTS_EVICTIONS).tag(WspairMeters.NAMESPACE, "counters").functionCounter().count()).isZero();
            context.getBean(ObjectNamespaces.class).create("late", Counter::new);
            assertThat(registry.get(WspairMeters.OBJECTS_HIBERNATABLE_SOCKETS).tag(WspairMeters.NAMESPACE, "late").gauge())
                .as("a namespace declared after binding").isNotNull();
        });
        objects.withUserConfiguration(CounterConfiguration.class).withPropertyValues("wspair.metrics.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ObjectMeters.class));
    }

    @Test
    void servletApplicationGetsNothing() {
        new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WspairAutoConfiguration.class, WspairMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .run(context -> assertThat(context).doesNotHaveBean(WebSocketObserver.class));
    }
}
