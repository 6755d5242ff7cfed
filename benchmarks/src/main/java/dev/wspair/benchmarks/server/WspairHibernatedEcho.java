package dev.wspair.benchmarks.server;

import java.time.Duration;

import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.DurableObject;
import dev.wspair.objects.DurableObjectState;
import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.ObjectSettings;
import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketUpgrader;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The echo of {@link WspairEcho} on the hibernation API: every socket is accepted by one Durable
 * Object with {@code state.acceptWebSocket}, which answers in {@code webSocketMessage}. Without
 * events for {@link #IDLE_TIMEOUT} the object is evicted and its sockets stay connected, as a
 * hibernated Workers room's do; the server's stats report the live instances.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFlux
class WspairHibernatedEcho {

    /** Time without events before the object is evicted. */
    static final Duration IDLE_TIMEOUT = Duration.ofMillis(500);

    @Bean
    WebSocketUpgrader webSocketUpgrader() {
        return new WebSocketUpgrader(BenchSettings.WSPAIR);
    }

    @Bean(destroyMethod = "close")
    ObjectNamespaces objectNamespaces() {
        ObjectSettings settings = ObjectSettings.builder().idleTimeout(IDLE_TIMEOUT).build();
        ObjectNamespaces objects = new ObjectNamespaces(new InMemoryObjectStore(), new JsonValueCodec(JsonMapper.builder().build()), settings);
        ServerStats.report("liveObjects", () -> objects.stats().liveInstances());
        return objects;
    }

    @Bean
    RouterFunction<ServerResponse> echo(ObjectNamespaces objects) {
        ObjectNamespace<EchoObject> echoes = objects.create("echo", EchoObject::new);
        return RouterFunctions.route().GET(Contender.ECHO_PATH, request -> echoes.get(echoes.idFromName("echo")).fetch(request)).build();
    }

    /** Accepts every socket for hibernation and echoes what it receives. */
    static final class EchoObject implements DurableObject {

        private final DurableObjectState state;

        EchoObject(DurableObjectState state) {
            this.state = state;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            var pair = new WebSocketPair();
            this.state.acceptWebSocket(pair.server());
            return WebSocketResponse.of(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, MessageEvent message) {
            if (message.isText()) {
                ws.send(message.text());
            }
            else {
                ws.send(message.binary());
            }
        }
    }
}
