package dev.wspair.autoconfigure;

import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.DurableObject;
import dev.wspair.objects.DurableObjectState;
import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.testing.Counter;
import dev.wspair.webflux.WebSocketResponse;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A Boot application with the actuator, the simple meter registry and two namespaces:
 * {@code rooms} of {@link Room}s, whose sockets are tagged, at {@code /rooms/{name}}, and
 * {@code counters} of the shared test {@link Counter}, at {@code /counters/{name}}. Like {@link ObservedTestApplication} it is no {@code @Configuration}, so
 * other test applications' scans skip it.
 */
@EnableAutoConfiguration
public class ObjectsTestApplication {

    /** Accepts sockets tagged with the user and the room; stores every message under its own text and answers "stored". */
    static final class Room implements DurableObject {

        private final DurableObjectState state;

        Room(DurableObjectState state) {
            this.state = state;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            var pair = new WebSocketPair();
            this.state.acceptWebSocket(pair.server(), "user:" + request.queryParam("user").orElse("anonymous"),
                    "room:" + this.state.id().name());
            return WebSocketResponse.of(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, MessageEvent message) {
            this.state.storage().put(message.text(), true);
            ws.send("stored " + message.text());
        }
    }

    @Bean
    ObjectNamespace<Room> rooms(ObjectNamespaces namespaces) {
        return namespaces.create("rooms", Room::new);
    }

    @Bean
    ObjectNamespace<Counter> counters(ObjectNamespaces namespaces) {
        return namespaces.create("counters", Counter::new);
    }

    @Bean
    RouterFunction<ServerResponse> objectRoutes(ObjectNamespace<Room> rooms, ObjectNamespace<Counter> counters) {
        return RouterFunctions.route()
            .GET("/rooms/{name}", request -> rooms.getByName(request.pathVariable("name")).fetch(request))
            .GET("/counters/{name}", request -> counters.getByName(request.pathVariable("name")).fetch(request))
            .build();
    }
}
