package dev.wspair.autoconfigure.metrics;

import java.time.Duration;
import java.util.Base64;

import dev.wspair.autoconfigure.ObservedServerTest;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.webflux.WebSocketConnections;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters against a real server and real clients, with known traffic: exact counts, the
 * active gauge up and back to 0, close codes, overflows, listener errors and rejections; no pooled
 * buffer may leak.
 */
@ObservedServerTest
@ExtendWith(NoLeaks.class)
class WspairMetricsIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String TRAFFIC = "/traffic/{room}";

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private WebSocketConnections connections;

    @Autowired
    private WebSocketUsage usage;

    @AfterEach
    void everyConnectionEnded() {
        await().atMost(TIMEOUT).until(() -> this.connections.size() == 0);
    }

    private RequiredSearch meter(String name, String route) {
        return this.registry.get(name).tag(WspairMeters.ROUTE, route);
    }

    private double messages(String route, String direction, String type) {
        return meter(WspairMeters.MESSAGES, route).tags(WspairMeters.DIRECTION, direction, WspairMeters.TYPE, type)
            .functionCounter()
            .count();
    }

    private double bytes(String route, String direction, String type) {
        return meter(WspairMeters.MESSAGE_BYTES, route).tags(WspairMeters.DIRECTION, direction, WspairMeters.TYPE, type)
            .functionCounter()
            .count();
    }

    private double active(String route) {
        return meter(WspairMeters.CONNECTIONS_ACTIVE, route).gauge().value();
    }

    private double closed(String route, String code) {
        return meter(WspairMeters.CONNECTIONS_CLOSED, route).tag(WspairMeters.CODE, code).counter().count();
    }

    @Test
    void threeConnectionsWithTenMessagesEachWayGiveExactCounts() throws Exception {
        RawWebSocket[] clients = new RawWebSocket[3];
        for (int c = 0; c < clients.length; c++) {
            clients[c] = RawWebSocket.open(this.port, "/traffic/room-" + c);
            for (int i = 0; i < 10; i++) {
                clients[c].sendText("0123456789");
            }
            for (int i = 0; i < 10; i++) {
                assertThat(clients[c].readFrame().text()).isEqualTo("0123456789");
            }
        }
        assertThat(meter(WspairMeters.CONNECTIONS_OPENED, TRAFFIC).functionCounter().count()).isEqualTo(3);
        assertThat(active(TRAFFIC)).isEqualTo(3);
        assertThat(messages(TRAFFIC, "in", "text")).isEqualTo(30);
        assertThat(messages(TRAFFIC, "out", "text")).isEqualTo(30);
        assertThat(messages(TRAFFIC, "in", "binary")).isZero();
        assertThat(messages(TRAFFIC, "out", "binary")).isZero();
        assertThat(bytes(TRAFFIC, "in", "text")).isEqualTo(300);
        assertThat(bytes(TRAFFIC, "out", "text")).isEqualTo(300);
        assertThat(meter(WspairMeters.LISTENER_DURATION, TRAFFIC).tag(WspairMeters.EVENT, "message").timer().count()).isEqualTo(30);
        assertThat(meter(WspairMeters.LISTENER_ERRORS, TRAFFIC).tag(WspairMeters.EVENT, "message").counter().count()).isZero();

        clients[0].sendFrame(RawWebSocket.TEXT, true, new byte[2000]);
        assertThat(clients[0].readUntilClose().closeCode()).isEqualTo(1009);
        clients[1].sendClose(1000, "done");
        assertThat(clients[1].readUntilClose().closeCode()).isEqualTo(1000);
        for (RawWebSocket client : clients) {
            client.close();
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(active(TRAFFIC)).isZero());
        assertThat(closed(TRAFFIC, "1009")).isEqualTo(1);
        assertThat(closed(TRAFFIC, "1000")).isEqualTo(1);
        assertThat(closed(TRAFFIC, "1006")).isEqualTo(1);
        assertThat(meter(WspairMeters.CONNECTIONS_CLOSED, TRAFFIC).counters()).hasSize(3);
        assertThat(meter(WspairMeters.CONNECTIONS_DURATION, TRAFFIC).timer().count()).isEqualTo(3);
        assertThat(messages(TRAFFIC, "in", "text")).as("the oversized frame is no message").isEqualTo(30);
        assertThat(meter(WspairMeters.OUTBOUND_OVERFLOWS, TRAFFIC).counter().count()).isZero();

        RouteUsage usage = this.usage.usage().get(TRAFFIC);
        assertThat(usage.connections()).isEqualTo(3);
        assertThat(usage.messagesIn()).isEqualTo(30);
        assertThat(usage.messagesOut()).isEqualTo(30);
        assertThat(usage.connectionSeconds()).isPositive();
        assertThat(usage.listenerSeconds()).isPositive();
    }

    @Test
    void aSlowReaderOverflowsItsQueueAndIsCountedAndClosedWith1008() throws Exception {
        try (RawWebSocket slow = RawWebSocket.open(this.port, "/flood")) {
            slow.sendText("flood:20000");
            await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(meter(WspairMeters.OUTBOUND_OVERFLOWS, "/flood").counter().count()).isEqualTo(1));
            assertThat(slow.readUntilClose().closeCode()).isEqualTo(1008);
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(active("/flood")).isZero());
        assertThat(closed("/flood", "1008")).isEqualTo(1);
    }

    @Test
    void aThrowingListenerIsCountedAndTheSocketStaysOpen() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(this.port, "/echo")) {
            client.sendText("boom");
            client.sendText("after");
            assertThat(client.readFrame().text()).isEqualTo("after");
            assertThat(meter(WspairMeters.LISTENER_ERRORS, "/echo").tag(WspairMeters.EVENT, "message").counter().count())
                .isEqualTo(1);
            assertThat(active("/echo")).isEqualTo(1);
        }
    }

    @Test
    void aRefusedHandshakeIsCountedWithItsReason() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(this.port,
                RawWebSocket.handshake("/echo", Base64.getEncoder().encodeToString(new byte[3])))) {
            assertThat(client.readResponse().status()).isEqualTo(400);
        }
        assertThat(meter(WspairMeters.HANDSHAKE_REJECTIONS, "/echo").tag(WspairMeters.REASON, "bad-request").counter().count())
            .isEqualTo(1);
    }
}
