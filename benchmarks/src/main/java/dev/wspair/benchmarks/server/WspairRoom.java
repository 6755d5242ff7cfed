package dev.wspair.benchmarks.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketUpgrader;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static dev.wspair.EventType.CLOSE;
import static dev.wspair.EventType.ERROR;
import static dev.wspair.EventType.MESSAGE;

/**
 * A chat room built the way the chat sample's room is, minus storage: every accepted end joins a
 * set, and each text message is sent to every member with {@code send}; a member that can no
 * longer be sent to leaves, as in Cloudflare's chat demo.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFlux
class WspairRoom {

    private final Set<WebSocket> members = ConcurrentHashMap.newKeySet();

    @Bean
    WebSocketUpgrader webSocketUpgrader() {
        return new WebSocketUpgrader(BenchSettings.WSPAIR);
    }

    @Bean
    RouterFunction<ServerResponse> room() {
        return RouterFunctions.route().GET(Contender.ROOM_PATH, this::join).build();
    }

    private Mono<ServerResponse> join(ServerRequest request) {
        var pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        this.members.add(server);
        server.addEventListener(MESSAGE, event -> {
            if (event.isText()) {
                broadcast(event.text());
            }
        });
        server.addEventListener(CLOSE, event -> this.members.remove(server));
        server.addEventListener(ERROR, event -> this.members.remove(server));
        return WebSocketResponse.of(pair.client());
    }

    private void broadcast(String text) {
        for (WebSocket member : this.members) {
            try {
                member.send(text);
            }
            catch (IllegalStateException closed) {
                this.members.remove(member);
            }
        }
    }
}
