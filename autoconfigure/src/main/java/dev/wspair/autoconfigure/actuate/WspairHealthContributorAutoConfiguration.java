package dev.wspair.autoconfigure.actuate;

import dev.wspair.autoconfigure.WspairAutoConfiguration;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code wspair} health indicator, when Spring Boot's health support is
 * on the classpath and {@code management.health.wspair.enabled} is not {@code false}.
 */
@AutoConfiguration(after = WspairAutoConfiguration.class,
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
}
