package dev.wspair.webflux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/** Shutdown closes every open connection with 1001 after its queued frames, within the timeout. */
@ExtendWith(NoLeaks.class)
class GracefulShutdownTests {

    @Test
    void thousandOpenSocketsEachReceive1001AfterTheirQueuedFrames() throws Exception {
        WebSocketUpgrader upgrader = new WebSocketUpgrader(WebSocketSettings.builder().limits(new ConnectionLimits(5_000, 5_000, 10_000, 10_000)).build());
        List<WebSocket> servers = new ArrayList<>();
        try (TestServer server = TestServer.start(upgrader, RouterFunctions.route(path("/echo"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> ws.send(event.text()));
            synchronized (servers) {
                servers.add(ws);
            }
            return WebSocketResponse.of(pair.client());
        }))) {
            List<RawWebSocket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    clients.add(RawWebSocket.open(server.port(), "/echo"));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> upgrader.connections().size() == 1000);
                synchronized (servers) {
                    servers.forEach(ws -> ws.send("last words"));
                }
                long started = System.nanoTime();
                upgrader.connections().shutdown(Duration.ofSeconds(10)).block(Duration.ofSeconds(20));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                for (RawWebSocket client : clients) {
                    assertThat(client.readFrame().text()).isEqualTo("last words");
                    RawWebSocket.Frame close = client.readUntilClose();
                    assertThat(close.closeCode()).isEqualTo(1001);
                    assertThat(close.closeReason()).isEqualTo("going away");
                }
                assertThat(took).isLessThan(Duration.ofSeconds(15));
                assertThat(upgrader.connections().size()).isZero();
            }
            finally {
                for (RawWebSocket client : clients) {
                    client.close();
                }
            }
        }
    }

    @Test
    void connectionsThatDoNotFinishClosingAreDroppedAtTheTimeout() throws Exception {
        WebSocketUpgrader upgrader = new WebSocketUpgrader(WebSocketSettings.builder()
            .closeTimeout(Duration.ofSeconds(30))
            .maxQueuedMessages(100_000)
            .maxQueuedBytes(64L * 1024 * 1024)
            .build());
        try (TestServer server = TestServer.start(upgrader, RouterFunctions.route(path("/flood"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> {
                String chunk = "y".repeat(1000);
                for (int i = 0; i < 20_000; i++) {
                    ws.send(chunk);
                }
            });
            return WebSocketResponse.of(pair.client());
        })); RawWebSocket stalled = RawWebSocket.open(server.port(), "/flood")) {
            stalled.sendText("fill your buffers");
            await().atMost(Duration.ofSeconds(10))
                .until(() -> upgrader.connections().list().stream().anyMatch(info -> info.queuedMessages() > 0));
            long started = System.nanoTime();
            upgrader.connections().shutdown(Duration.ofMillis(500)).block(Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(10)).until(() -> upgrader.connections().size() == 0);
            assertThat(stalled.awaitEndOfStream()).isTrue();
        }
    }
}
