package dev.wspair.autoconfigure.actuate;

import dev.wspair.autoconfigure.WspairAutoConfiguration;
import dev.wspair.autoconfigure.WspairObjectsAutoConfiguration;
import dev.wspair.autoconfigure.metrics.WebSocketUsage;
import dev.wspair.autoconfigure.metrics.WspairMetricsAutoConfiguration;
import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.webflux.WebSocketConnections;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code wspair} actuator endpoint, when the actuator is on the
 * classpath and the endpoint is available (enabled and exposed, as
 * {@code management.endpoints.web.exposure.include} and friends decide), with its
 * {@code objects} section when the application declares a Durable Object namespace bean.
 */
@AutoConfiguration(after = { WspairAutoConfiguration.class, WspairMetricsAutoConfiguration.class, WspairObjectsAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(WebSocketConnections.class)
@ConditionalOnAvailableEndpoint(WspairEndpoint.class)
public final class WspairEndpointAutoConfiguration {

    WspairEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    WspairEndpoint wspairEndpoint(WebSocketConnections connections, ObjectProvider<WebSocketUsage> usage,
            ObjectProvider<WspairEndpointContributor> contributors) {
        return new WspairEndpoint(connections, usage.getIfAvailable(), contributors.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = WspairEndpoint.class, exposure = EndpointExposure.WEB)
    WspairEndpointWebExtension wspairEndpointWebExtension(WspairEndpoint endpoint) {
        return new WspairEndpointWebExtension(endpoint);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObjectNamespaces.class)
    @ConditionalOnBean(ObjectNamespace.class)
    static class ObjectsSectionConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ObjectsEndpointContributor wspairObjectsEndpointContributor(ObjectNamespaces namespaces) {
            return new ObjectsEndpointContributor(namespaces);
        }
    }
}
