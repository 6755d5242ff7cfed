package dev.wspair.benchmarks.server;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/** A Spring WebFlux {@link WebSocketHandler} echo: every message but a Pong goes back, retained. */
@Configuration(proxyBeanMethods = false)
@EnableWebFlux
class WebFluxEcho implements WebFluxConfigurer {

    @Override
    public WebSocketService getWebSocketService() {
        return new HandshakeWebSocketService(new GuardedUpgradeStrategy());
    }

    @Bean
    HandlerMapping echoMapping() {
        return new SimpleUrlHandlerMapping(Map.of(Contender.ECHO_PATH, (WebSocketHandler) WebFluxEcho::echo), -1);
    }

    private static Mono<Void> echo(WebSocketSession session) {
        return session.send(session.receive()
            .filter(message -> message.getType() != WebSocketMessage.Type.PONG)
            .map(WebSocketMessage::retain));
    }
}
