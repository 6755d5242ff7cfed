package dev.wspair.webflux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/** The connection registry and the observer SPI against real connections with known traffic. */
@ExtendWith(NoLeaks.class)
class WebSocketConnectionsTests {

    private final WebSocketConnections connections = new WebSocketConnections();

    private final RecordingObserver observer = new RecordingObserver();

    private TestServer server;

    @BeforeEach
    void start() {
        WebSocketSettings settings = WebSocketSettings.builder().maxMessageSize(1024).build();
        WebSocketUpgrader upgrader = new WebSocketUpgrader(settings, this.connections, this.observer);
        this.server = TestServer.start(upgrader, RouterFunctions.route(path("/echo/{room}"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> {
                if (event.text().equals("boom")) {
                    throw new IllegalStateException("listener failure for the test");
                }
                ws.send(event.text());
            });
            return WebSocketResponse.of(pair.client());
        }).andRoute(request -> request.path().startsWith("/unpatterned/"), request -> {
            var pair = new WebSocketPair();
            pair.server().accept();
            return WebSocketResponse.of(pair.client());
        }));
    }

    @Test
    void aRouteMatchedWithoutAPatternIsListedAsUnknownNotByItsPath() throws Exception {
        try (RawWebSocket first = RawWebSocket.open(this.server.port(), "/unpatterned/a");
                RawWebSocket second = RawWebSocket.open(this.server.port(), "/unpatterned/b")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.size() == 2);
            assertThat(this.connections.countByRoute()).isEqualTo(Map.of(WebSocketUpgrader.UNKNOWN_ROUTE, 2));
            assertThat(this.connections.list()).extracting(ConnectionInfo::route).containsOnly("UNKNOWN");
        }
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void countsKnownTrafficPerConnectionAndRoute() throws Exception {
        RawWebSocket[] clients = new RawWebSocket[3];
        for (int c = 0; c < 3; c++) {
            clients[c] = RawWebSocket.open(this.server.port(), "/echo/room-" + c);
            for (int i = 0; i < 10; i++) {
                clients[c].sendText("0123456789");
            }
            for (int i = 0; i < 10; i++) {
                assertThat(clients[c].readFrame().text()).isEqualTo("0123456789");
            }
        }
        assertThat(this.connections.size()).isEqualTo(3);
        assertThat(this.connections.countByRoute()).isEqualTo(Map.of("/echo/{room}", 3));
        List<ConnectionInfo> listed = this.connections.list();
        assertThat(listed).hasSize(3).allSatisfy(info -> {
            assertThat(info.route()).isEqualTo("/echo/{room}");
            assertThat(info.remoteAddress()).startsWith("127.0.0.1:");
            assertThat(info.messagesIn()).isEqualTo(10);
            assertThat(info.bytesIn()).isEqualTo(100);
            assertThat(info.messagesOut()).isEqualTo(10);
            assertThat(info.bytesOut()).isEqualTo(100);
        });
        assertThat(this.observer.opened).hasValue(3);
        assertThat(this.observer.received).hasValue(30);
        assertThat(this.observer.sent).hasValue(30);
        assertThat(this.observer.bytesIn).hasValue(300);

        clients[0].sendFrame(RawWebSocket.TEXT, true, new byte[2000]);
        assertThat(clients[0].readUntilClose().closeCode()).isEqualTo(1009);
        clients[1].sendClose(4000, "bye");
        assertThat(clients[1].readUntilClose().closeCode()).isEqualTo(4000);
        clients[2].close();
        clients[0].close();
        clients[1].close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(this.connections.size()).isZero();
            assertThat(this.observer.closedCodes).containsExactlyInAnyOrder(1009, 4000, 1006);
        });
    }

    @Test
    void listenerFailuresAndTimeAreReported() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo/a")) {
            client.sendText("boom");
            client.sendText("after");
            assertThat(client.readFrame().text()).isEqualTo("after");
        }
        assertThat(this.observer.listenerFailures).hasValue(1);
        assertThat(this.observer.dispatches.get("message")).isEqualTo(2);
        assertThat(this.observer.listenerNanos.get()).isPositive();
    }

    @Test
    void closesAConnectionById() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo/a")) {
            client.sendText("hi");
            assertThat(client.readFrame().text()).isEqualTo("hi");
            long id = this.connections.list().get(0).id();
            assertThat(this.connections.find(id)).isPresent();
            assertThatThrownBy(() -> this.connections.close(id, 1005, "")).hasMessage("Invalid WebSocket close code: 1005.");
            assertThat(this.connections.close(id, 4100, "closed by an operator")).isTrue();
            RawWebSocket.Frame close = client.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(4100);
            assertThat(close.closeReason()).isEqualTo("closed by an operator");
            assertThat(this.connections.close(id + 1000, 4100, "")).isFalse();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.connections.size()).isZero());
    }

    /** Counts what the SPI reports. */
    static final class RecordingObserver implements WebSocketObserver {

        final AtomicInteger opened = new AtomicInteger();

        final AtomicInteger received = new AtomicInteger();

        final AtomicInteger sent = new AtomicInteger();

        final AtomicLong bytesIn = new AtomicLong();

        final AtomicInteger listenerFailures = new AtomicInteger();

        final AtomicLong listenerNanos = new AtomicLong();

        final Map<String, Integer> dispatches = new ConcurrentHashMap<>();

        final List<Integer> closedCodes = new CopyOnWriteArrayList<>();

        @Override
        public ConnectionObservation opened(String route) {
            this.opened.incrementAndGet();
            return new ConnectionObservation() {

                @Override
                public void dispatched(String eventType, long nanos, int failures) {
                    RecordingObserver.this.dispatches.merge(eventType, 1, Integer::sum);
                    RecordingObserver.this.listenerNanos.addAndGet(nanos);
                    RecordingObserver.this.listenerFailures.addAndGet(failures);
                }

                @Override
                public void received(boolean text, int bytes) {
                    RecordingObserver.this.received.incrementAndGet();
                    RecordingObserver.this.bytesIn.addAndGet(bytes);
                }

                @Override
                public void sent(boolean text, int bytes) {
                    RecordingObserver.this.sent.incrementAndGet();
                }

                @Override
                public void overflowed() {
                }

                @Override
                public void closed(int code) {
                    RecordingObserver.this.closedCodes.add(code);
                }
            };
        }
    }
}
