package dev.wspair.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.DurableObject;
import dev.wspair.objects.DurableObjectState;
import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown of a real application with 1,000 open sockets held by Durable Objects: every
 * socket receives 1001 within the configured time, and every message the objects acknowledged
 * before the shutdown is in storage when the application starts again on the same data directory.
 */
class GracefulShutdownWithObjectsTests {

    private static final int SOCKETS = 1000;

    private static final int ROOMS = 10;

    @Test
    void thousandSocketsGet1001AndEveryAcknowledgedMessageSurvivesARestart(@TempDir Path data) throws Exception {
        ConfigurableApplicationContext context = start(data);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        List<RawWebSocket> clients = new ArrayList<>();
        Set<String> acknowledged = new HashSet<>();
        try {
            for (int i = 0; i < SOCKETS; i++) {
                RawWebSocket client = RawWebSocket.open(port, "/log/room-" + (i % ROOMS));
                clients.add(client);
                client.sendText("message-" + i);
            }
            for (int i = 0; i < SOCKETS; i++) {
                RawWebSocket.Frame ack = clients.get(i).readFrame();
                assertThat(ack.text()).isEqualTo("ack:message-" + i);
                acknowledged.add("message-" + i);
            }
            WebSocketConnections connections = context.getBean(WebSocketConnections.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == SOCKETS);

            long started = System.nanoTime();
            context.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            for (RawWebSocket client : clients) {
                assertThat(client.readUntilClose().closeCode()).isEqualTo(1001);
            }
            assertThat(took).as("shutdown with %d sockets", SOCKETS).isLessThan(Duration.ofSeconds(20));
        }
        finally {
            for (RawWebSocket client : clients) {
                client.close();
            }
            context.close();
        }

        ConfigurableApplicationContext restarted = start(data);
        try {
            @SuppressWarnings("unchecked")
            ObjectNamespace<MessageLog> logs = restarted.getBean(ObjectNamespace.class);
            Set<String> stored = new HashSet<>();
            for (int room = 0; room < ROOMS; room++) {
                Map<String, Boolean> entries = logs.getByName("room-" + room).call(log -> log.entries()).block(Duration.ofSeconds(10));
                stored.addAll(entries.keySet());
            }
            assertThat(stored).containsAll(acknowledged).hasSize(SOCKETS);
        }
        finally {
            restarted.close();
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return SpringApplication.run(LogApplication.class, "--server.port=0", "--spring.main.banner-mode=off",
                "--wspair.objects.data-directory=" + data, "--wspair.limits.max-connections-per-address=2000",
                "--wspair.limits.handshakes-per-second-per-address=10000", "--wspair.limits.handshake-burst=10000",
                "--wspair.shutdown.timeout=15s");
    }

    /** Stores every message under its text and acknowledges it once the write is durable (the output gate). */
    static final class MessageLog implements DurableObject {

        private final DurableObjectState state;

        MessageLog(DurableObjectState state) {
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
            this.state.storage().put(message.text(), true);
            ws.send("ack:" + message.text());
        }

        Map<String, Boolean> entries() {
            return this.state.storage().list(Boolean.class);
        }
    }

    @SpringBootApplication
    static class LogApplication {

        @Bean
        ObjectNamespace<MessageLog> logs(ObjectNamespaces namespaces) {
            return namespaces.create("logs", MessageLog::new);
        }

        @Bean
        RouterFunction<ServerResponse> routes(ObjectNamespace<MessageLog> logs) {
            return RouterFunctions.route().GET("/log/{room}", request -> logs.getByName(request.pathVariable("room")).fetch(request)).build();
        }
    }
}
