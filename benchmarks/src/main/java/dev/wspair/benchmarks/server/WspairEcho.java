package dev.wspair.benchmarks.server;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.autoconfigure.metrics.MicrometerWebSocketObserver;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketObserver;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketUpgrader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static dev.wspair.EventType.MESSAGE;

/** The Worker-style echo, as a wspair user writes it: accept, a message listener, send. */
@Configuration(proxyBeanMethods = false)
@EnableWebFlux
class WspairEcho {

    @Bean
    WebSocketUpgrader webSocketUpgrader() {
        return new WebSocketUpgrader(BenchSettings.WSPAIR, new WebSocketConnections(), WebSocketObserver.NONE);
    }

    @Bean
    RouterFunction<ServerResponse> echo() {
        return routes();
    }

    static RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().GET(Contender.ECHO_PATH, WspairEcho::handle).build();
    }

    private static Mono<ServerResponse> handle(ServerRequest request) {
        if (!"websocket".equalsIgnoreCase(request.headers().firstHeader("Upgrade"))) {
            return ServerResponse.badRequest().bodyValue("Expected websocket");
        }
        var pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(MESSAGE, event -> {
            if (event.isText()) {
                server.send(event.text());
            }
            else {
                server.send(event.binary());
            }
        });
        return WebSocketResponse.of(pair.client());
    }

    /** The same echo with every connection recorded by the starter's Micrometer observer. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebFlux
    static class Metered {

        /** The starter's default for {@code wspair.metrics.max-route-tags}. */
        private static final int MAX_ROUTE_TAGS = 100;

        @Bean
        WebSocketUpgrader webSocketUpgrader() {
            WebSocketConnections connections = new WebSocketConnections();
            var observer = new MicrometerWebSocketObserver(new SimpleMeterRegistry(), connections, MAX_ROUTE_TAGS);
            return new WebSocketUpgrader(BenchSettings.WSPAIR, connections, observer);
        }

        @Bean
        RouterFunction<ServerResponse> echo() {
            return routes();
        }
    }
}
