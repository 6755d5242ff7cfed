package dev.wspair.webflux;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * Pooled buffers are released exactly once on every path: normal echo, fragments, a flood that
 * overflows the queue, and connections dropped with frames still queued. Netty's leak detector
 * runs at paranoid level and must report nothing after a few collections.
 */
class BufferLeakTests {

    @Test
    void noPooledBufferLeaksOnAnyPath() throws Exception {
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        reports.start();
        detector.addAppender(reports);
        ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
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
            for (int sweep = 0; sweep < 5; sweep++) {
                System.gc();
                for (int i = 0; i < 200; i++) {
                    PooledByteBufAllocator.DEFAULT.directBuffer(256).release();
                }
            }
            List<String> leaks = reports.list.stream()
                .filter(event -> event.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
            assertThat(leaks).as("leak reports").isEmpty();
        }
        finally {
            ResourceLeakDetector.setLevel(previous);
            detector.detachAppender(reports);
        }
    }
}
