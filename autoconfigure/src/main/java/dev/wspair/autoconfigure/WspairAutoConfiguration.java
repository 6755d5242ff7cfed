package dev.wspair.autoconfigure;

import dev.wspair.WebSocketPair;
import dev.wspair.webflux.OriginPolicy;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketObserver;
import dev.wspair.webflux.WebSocketResultHandler;
import dev.wspair.webflux.WebSocketSettings;
import dev.wspair.webflux.WebSocketUpgrader;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.server.WebSocketService;

/**
 * Auto-configuration of wspair for reactive web applications on Reactor Netty: the
 * {@link WebSocketSettings} from {@link WspairProperties}, the registry of open
 * {@link WebSocketConnections}, the {@link WebSocketUpgrader} (reporting to a
 * {@link WebSocketObserver} bean when there is one) that
 * {@code WebSocketResponse.of(client)} uses, the {@link WebSocketResultHandler} that lets
 * controllers return the client end, and a {@link WebSocketService} with the same limits for plain
 * Spring {@code WebSocketHandler}s. Every bean can be replaced by declaring one of the same type.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ WebSocketPair.class, HttpServer.class, WebFluxConfigurer.class })
@EnableConfigurationProperties(WspairProperties.class)
public final class WspairAutoConfiguration {

    WspairAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    WebSocketSettings wspairWebSocketSettings(WspairProperties properties) {
        WebSocketSettings.Builder builder = WebSocketSettings.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getMaxMessageSize).as(size -> size.toBytes()).to(builder::maxMessageSize);
        map.from(properties::getMaxFrameSize).as(size -> size.toBytes()).to(builder::maxFrameSize);
        map.from(properties::isCompression).to(builder::compression);
        map.from(properties::getCloseTimeout).to(builder::closeTimeout);
        WspairProperties.Outbound outbound = properties.getOutbound();
        map.from(outbound::getMaxQueuedMessages).to(builder::maxQueuedMessages);
        map.from(outbound::getMaxQueuedBytes).as(size -> size.toBytes()).to(builder::maxQueuedBytes);
        map.from(outbound::getOverflowPolicy).to(builder::overflowPolicy);
        map.from(outbound::getSendTimeLimit).to(builder::sendTimeLimit);
        WspairProperties.Origin origin = properties.getOrigin();
        builder.originPolicy(OriginPolicy.of(origin.getAllowed(), origin.isAllowMissing()));
        builder.limits(properties.getLimits().toLimits());
        builder.keepAlive(properties.getKeepAlive().toKeepAlive());
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    WebSocketConnections wspairWebSocketConnections() {
        return new WebSocketConnections();
    }

    @Bean
    @ConditionalOnMissingBean(name = "wspairWebSocketShutdown")
    WebSocketShutdown wspairWebSocketShutdown(WebSocketConnections connections, WspairProperties properties) {
        return new WebSocketShutdown(connections, properties.getShutdown().getTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    WebSocketUpgrader wspairWebSocketUpgrader(WebSocketSettings settings, WebSocketConnections connections,
            ObjectProvider<WebSocketObserver> observer) {
        return new WebSocketUpgrader(settings, connections, observer.getIfAvailable(() -> WebSocketObserver.NONE));
    }

    @Bean
    @ConditionalOnMissingBean
    WebSocketResultHandler wspairWebSocketResultHandler(WebSocketUpgrader upgrader) {
        return new WebSocketResultHandler(upgrader);
    }

    @Bean
    @ConditionalOnMissingBean
    WebSocketService wspairWebSocketService(WebSocketSettings settings) {
        return WebSocketUpgrader.webSocketService(settings);
    }

    @Bean
    WebFluxConfigurer wspairWebSocketServiceConfigurer(WebSocketService webSocketService) {
        return new WebFluxConfigurer() {

            @Override
            public WebSocketService getWebSocketService() {
                return webSocketService;
            }
        };
    }
}
