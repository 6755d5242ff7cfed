package dev.wspair.webflux;

import java.time.Duration;

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
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * Pooled buffers are released exactly once on every path: normal echo, a flood that overflows the
 * queue, and connections dropped with frames still queued. {@link NoLeaks} fails the class on any
 * report of Netty's leak detector.
 */
@ExtendWith(NoLeaks.class)
class BufferLeakTests {

    @Test
    void noPooledBufferLeaksOnAnyPath() throws Exception {
        WebSocketSettings settings = WebSocketSettings.builder().maxQueuedMessages(32).closeTimeout(Duration.ofMillis(500)).build();
        try (TestServer server = TestServer.start(settings, RouterFunctions.route(path("/flood"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> {
                int count = Integer.parseInt(event.text());
                for (int i = 0; i < count && ws.readyState() == WebSocket.READY_STATE_OPEN; i++) {
                    ws.send("payload-" + i + "-" + "x".repeat(512));
                }
            });
            return WebSocketResponse.of(pair.client());
        }))) {
            for (int round = 0; round < 5; round++) {
                try (RawWebSocket echo = RawWebSocket.open(server.port(), "/flood")) {
                    echo.sendText("10");
                    for (int i = 0; i < 10; i++) {
                        assertThat(echo.readFrame().text()).startsWith("payload-" + i);
                    }
                }
                try (RawWebSocket flooded = RawWebSocket.open(server.port(), "/flood")) {
                    flooded.sendText("5000");
                    assertThat(flooded.readUntilClose().closeCode()).isEqualTo(1008);
                }
                RawWebSocket dropped = RawWebSocket.open(server.port(), "/flood");
                dropped.sendText("200");
                dropped.close();
            }
        }
    }
}
