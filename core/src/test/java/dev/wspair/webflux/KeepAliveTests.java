package dev.wspair.webflux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wspair.CloseEvent;
import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/** Server pings on silent connections, Pongs keeping them open, and closing the unresponsive ones with 1001. */
@ExtendWith(NoLeaks.class)
class KeepAliveTests {

    private final BlockingQueue<CloseEvent> closes = new LinkedBlockingQueue<>();

    private TestServer server;

    @AfterEach
    void stop() {
        if (this.server != null) {
            this.server.close();
        }
    }

    private void start(KeepAlive keepAlive) {
        this.server = TestServer.start(WebSocketSettings.builder().keepAlive(keepAlive).build(), RouterFunctions.route(path("/echo"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> ws.send(event.text()));
            ws.addEventListener(EventType.CLOSE, this.closes::add);
            return WebSocketResponse.of(pair.client());
        }));
    }

    @Test
    void silentClientIsPingedAndKeptOpenByItsPongs() throws Exception {
        start(new KeepAlive(Duration.ofMillis(200), Duration.ofMillis(400)));
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo")) {
            for (int i = 0; i < 3; i++) {
                RawWebSocket.Frame ping = client.readFrame();
                assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
                client.sendFrame(RawWebSocket.PONG, true, ping.payload());
            }
            client.sendText("still open");
            RawWebSocket.Frame next = client.readFrame();
            while (next.opcode() == RawWebSocket.PING) {
                next = client.readFrame();
            }
            assertThat(next.text()).isEqualTo("still open");
        }
    }

    @Test
    void clientThatNeverAnswersIsClosedWith1001() throws Exception {
        start(new KeepAlive(Duration.ofMillis(200), Duration.ofMillis(300)));
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo")) {
            assertThat(client.readFrame().opcode()).isEqualTo(RawWebSocket.PING);
            RawWebSocket.Frame close = client.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).startsWith("Keep-alive timeout: nothing received for");
        }
        CloseEvent close = this.closes.poll(10, TimeUnit.SECONDS);
        assertThat(close).isNotNull();
        assertThat(close.code()).isEqualTo(1001);
    }

    @Test
    void clientThatKeepsSendingMessagesIsNeverPinged() throws Exception {
        start(new KeepAlive(Duration.ofMillis(1000), Duration.ofMillis(1000)));
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo")) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000);
            int sent = 0;
            while (System.nanoTime() < end) {
                client.sendText("message " + sent);
                RawWebSocket.Frame echo = client.readFrame();
                assertThat(echo.opcode()).as("frame after message %d", sent).isEqualTo(RawWebSocket.TEXT);
                assertThat(echo.text()).isEqualTo("message " + sent);
                sent++;
                // Pacing, not synchronisation: a message every 100 ms keeps well inside the 1 s interval.
                Thread.sleep(100);
            }
            assertThat(sent).isGreaterThan(10);
        }
    }

    @Test
    void keepAliveOffSendsNoPings() throws Exception {
        start(KeepAlive.OFF);
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo")) {
            client.sendText("first");
            assertThat(client.readFrame().text()).isEqualTo("first");
            client.sendFrame(RawWebSocket.PING, true, "mine".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = client.readFrame();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.text()).isEqualTo("mine");
        }
    }

    @Test
    void invalidKeepAliveIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new KeepAlive(Duration.ofSeconds(1), Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("positive timeout");
    }
}
