package dev.wspair.autoconfigure.metrics;

import dev.wspair.autoconfigure.WspairAutoConfiguration;
import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketObserver;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.MaximumAllowableTagsMeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of wspair's Micrometer meters: a {@link MicrometerWebSocketObserver} that the
 * upgrader reports to, when a {@link MeterRegistry} exists and {@code wspair.metrics.enabled} is
 * not {@code false}; {@link ObjectMeters} when the application also declares a Durable Object
 * namespace bean (so an application without objects does not create the runtime for its
 * meters); and, with Spring Boot's metrics support, a filter capping the {@code route} tag at
 * {@code wspair.metrics.max-route-tags} values.
 */
@AutoConfiguration(after = WspairAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, WebSocketConnections.class })
@ConditionalOnBooleanProperty(name = "wspair.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WspairMetricsProperties.class)
public final class WspairMetricsAutoConfiguration {

    WspairMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(WebSocketObserver.class)
    MicrometerWebSocketObserver wspairWebSocketObserver(MeterRegistry registry, WebSocketConnections connections,
            WspairMetricsProperties properties) {
        return new MicrometerWebSocketObserver(registry, connections, properties.getMaxRouteTags());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObjectNamespaces.class)
    @ConditionalOnBean(ObjectNamespace.class)
    static class ObjectMetersConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ObjectMeters wspairObjectMeters(ObjectNamespaces namespaces) {
            return new ObjectMeters(namespaces);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MaximumAllowableTagsMeterFilter.class)
    static class RouteTagFilterConfiguration {

        @Bean
        @Order(0)
        MaximumAllowableTagsMeterFilter wspairRouteTagFilter(WspairMetricsProperties properties) {
            return new MaximumAllowableTagsMeterFilter("wspair.", WspairMeters.ROUTE, properties.getMaxRouteTags(),
                    "Raise wspair.metrics.max-route-tags if the routes are legitimate.");
        }
    }
}
