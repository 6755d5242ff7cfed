package dev.wspair.benchmarks.server;

import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

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

/**
 * A chat room in plain Spring WebFlux: one multicast sink; every member subscribes through a
 * bounded buffer of {@link BenchSettings#ROOM_BUFFER} messages (overflow ends that member's
 * session, like wspair's outbound queue) and every text message received is emitted to all.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFlux
class WebFluxRoom implements WebFluxConfigurer {

    private final Sinks.Many<String> room = Sinks.many().multicast().directBestEffort();

    @Override
    public WebSocketService getWebSocketService() {
        return new HandshakeWebSocketService(new GuardedUpgradeStrategy());
    }

    @Bean
    HandlerMapping roomMapping() {
        return new SimpleUrlHandlerMapping(Map.of(Contender.ROOM_PATH, (WebSocketHandler) this::member), -1);
    }

    private Mono<Void> member(WebSocketSession session) {
        Mono<Void> input = session.receive()
            .filter(message -> message.getType() == WebSocketMessage.Type.TEXT)
            .doOnNext(message -> this.room.emitNext(message.getPayloadAsText(), Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1))))
            .then();
        Mono<Void> output = session.send(this.room.asFlux()
            .onBackpressureBuffer(BenchSettings.ROOM_BUFFER)
            .map(session::textMessage));
        return Mono.zip(input, output).then();
    }
}
