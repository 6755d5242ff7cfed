package dev.wspair.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.testing.Counter;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.webflux.WebSocketConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown of a real application with 1,000 open sockets held by Durable Objects: every
 * socket receives 1001 within the configured time, and every increment the counters acknowledged
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
        Map<Integer, Set<Integer>> acknowledged = new HashMap<>();
        try {
            for (int i = 0; i < SOCKETS; i++) {
                RawWebSocket client = RawWebSocket.open(port, "/count/room-" + (i % ROOMS));
                clients.add(client);
                client.sendText("message-" + i);
            }
            for (int i = 0; i < SOCKETS; i++) {
                String ack = clients.get(i).readFrame().text();
                assertThat(ack).startsWith("ack message-" + i + " #");
                acknowledged.computeIfAbsent(i % ROOMS, room -> new HashSet<>()).add(Integer.parseInt(ack.substring(ack.indexOf('#') + 1)));
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
            ObjectNamespace<Counter> rooms = restarted.getBean(ObjectNamespace.class);
            for (int room = 0; room < ROOMS; room++) {
                Integer stored = rooms.getByName("room-" + room).call(Counter::count).block(Duration.ofSeconds(10));
                assertThat(acknowledged.get(room)).as("acknowledged counts of room %d", room)
                    .isEqualTo(IntStream.rangeClosed(1, SOCKETS / ROOMS).boxed().collect(Collectors.toSet()));
                assertThat(stored).as("count of room %d after the restart", room).isEqualTo(SOCKETS / ROOMS);
            }
        }
        finally {
            restarted.close();
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return SpringApplication.run(RoomsApplication.class, "--server.port=0", "--spring.main.banner-mode=off",
                "--wspair.objects.data-directory=" + data, "--wspair.limits.max-connections-per-address=2000",
                "--wspair.limits.handshakes-per-second-per-address=10000", "--wspair.limits.handshake-burst=10000",
                "--wspair.shutdown.timeout=15s");
    }

    @SpringBootApplication
    static class RoomsApplication {

        @Bean
        ObjectNamespace<Counter> rooms(ObjectNamespaces namespaces) {
            return namespaces.create("rooms", Counter::new);
        }

        @Bean
        RouterFunction<ServerResponse> routes(ObjectNamespace<Counter> rooms) {
            return RouterFunctions.route().GET("/count/{room}", request -> rooms.getByName(request.pathVariable("room")).fetch(request)).build();
        }
    }
}
