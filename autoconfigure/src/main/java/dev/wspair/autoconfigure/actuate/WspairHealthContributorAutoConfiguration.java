package dev.wspair.autoconfigure.actuate;

import dev.wspair.autoconfigure.WspairAutoConfiguration;
import dev.wspair.autoconfigure.WspairObjectsAutoConfiguration;
import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code wspair} health indicator, and of {@code wspairObjects} when the
 * application declares a Durable Object namespace bean, when Spring Boot's health support is on
 * the classpath and {@code management.health.wspair.enabled} is not {@code false}.
 */
@AutoConfiguration(after = { WspairAutoConfiguration.class, WspairObjectsAutoConfiguration.class },
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ WebSocketConnections.class, WebSocketSettings.class })
@ConditionalOnEnabledHealthIndicator("wspair")
public final class WspairHealthContributorAutoConfiguration {

    WspairHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "wspairHealthIndicator")
    WspairHealthIndicator wspairHealthIndicator(WebSocketConnections connections, WebSocketSettings settings) {
        return new WspairHealthIndicator(connections, settings);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObjectNamespaces.class)
    @ConditionalOnBean(ObjectNamespace.class)
    static class ObjectsHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "wspairObjectsHealthIndicator")
        WspairObjectsHealthIndicator wspairObjectsHealthIndicator(ObjectNamespaces namespaces) {
            return new WspairObjectsHealthIndicator(namespaces);
        }
    }
}
