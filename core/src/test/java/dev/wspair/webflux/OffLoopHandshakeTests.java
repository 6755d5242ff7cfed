package dev.wspair.webflux;

import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * A {@code 101} response that completes on a thread other than the connection's event loop, as a
 * Durable Object's {@code fetch} does on the object's lane: the frame a client sends right after
 * the handshake still reaches the accepted end, every time.
 */
@ExtendWith(NoLeaks.class)
class OffLoopHandshakeTests {

    private static final WebSocketSettings SETTINGS = WebSocketSettings.builder()
        .limits(new ConnectionLimits(10_000, 1_000, 10_000, 10_000))
        .build();

    @Test
    void theFirstFrameAfterAnOffLoopHandshakeIsNeverLost() throws Exception {
        try (TestServer server = TestServer.start(SETTINGS, RouterFunctions.route(path("/echo"), request -> Mono.fromCallable(() -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> ws.send("echo:" + event.text()));
            return pair.client();
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(WebSocketResponse::of)))) {
            for (int i = 0; i < 200; i++) {
                try (RawWebSocket socket = RawWebSocket.open(server.port(), "/echo")) {
                    socket.sendText("first " + i);
                    assertThat(socket.readFrame().text()).as("the echo of the first frame of connection %d", i).isEqualTo("echo:first " + i);
                }
            }
        }
    }
}
