package dev.wspair.webflux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/** Origin checks, connection caps, the handshake rate limit and refusal during shutdown, before the upgrade. */
@ExtendWith(NoLeaks.class)
class HandshakePolicyTests {

    private TestServer server;

    private WebSocketUpgrader upgrader;

    @AfterEach
    void stop() {
        this.server.close();
    }

    private void start(WebSocketSettings settings) {
        this.upgrader = new WebSocketUpgrader(settings);
        this.server = TestServer.start(this.upgrader, RouterFunctions.route(path("/echo"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> ws.send(event.text()));
            return WebSocketResponse.of(pair.client());
        }));
    }

    private RawWebSocket.Response handshake(Map<String, String> extraHeaders) throws Exception {
        StringBuilder head = new StringBuilder(RawWebSocket.handshake("/echo", Base64.getEncoder().encodeToString(new byte[16]))
            .replace("Host: 127.0.0.1\r\n", "Host: 127.0.0.1:" + this.server.port() + "\r\n"));
        head.setLength(head.length() - 2);
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (RawWebSocket client = RawWebSocket.connect(this.server.port(), head.toString())) {
            return client.readResponse();
        }
    }

    @Test
    void sameHostOriginIsAcceptedAndAForeignOneRefusedWith403AndALogLine() throws Exception {
        start(WebSocketSettings.defaults());
        Logger logger = (Logger) LoggerFactory.getLogger(WebSocketUpgrader.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            assertThat(handshake(Map.of("Origin", "http://127.0.0.1:" + this.server.port())).status()).isEqualTo(101);
            assertThat(handshake(Map.of()).status()).isEqualTo(101);
            RawWebSocket.Response foreign = handshake(Map.of("Origin", "https://evil.example"));
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.body()).isEqualTo("This origin may not open WebSockets here");
            assertThat(handshake(Map.of("Origin", "http://127.0.0.1:1")).status()).isEqualTo(403);
            assertThat(handshake(Map.of("Origin", "null")).status()).isEqualTo(403);
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("Refused a WebSocket handshake for /echo on route /echo from 127.0.0.1")
                    .contains("origin 'https://evil.example' is not allowed"));
        }
        finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void allowListAcceptsMatchingOriginsAndMissingOriginCanBeRefused() throws Exception {
        start(WebSocketSettings.builder().originPolicy(OriginPolicy.of(List.of("https://*.example.com"), false)).build());
        assertThat(handshake(Map.of("Origin", "https://app.example.com")).status()).isEqualTo(101);
        assertThat(handshake(Map.of("Origin", "https://example.org")).status()).isEqualTo(403);
        assertThat(handshake(Map.of("Origin", "http://127.0.0.1:" + this.server.port())).status()).isEqualTo(403);
        assertThat(handshake(Map.of()).status()).isEqualTo(403);
    }

    @Test
    void connectionFloodFromOneAddressIsCappedWhileAnotherAddressStillConnects() throws Exception {
        start(WebSocketSettings.builder().limits(new ConnectionLimits(100, 5, 1000, 1000)).build());
        List<RawWebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(RawWebSocket.open(this.server.port(), "/echo"));
            }
            RawWebSocket.Response refused = handshake(Map.of());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers()).containsEntry("retry-after", "5");
            assertThat(refused.body()).isEqualTo("Too many WebSocket connections from your address");

            try (RawWebSocket other = RawWebSocket.openFrom("127.0.0.2", this.server.port(), "/echo")) {
                other.sendText("still served");
                assertThat(other.readFrame().text()).isEqualTo("still served");
            }
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> this.upgrader.connections().size() == 4);
            open.add(RawWebSocket.open(this.server.port(), "/echo"));
        }
        finally {
            for (RawWebSocket socket : open) {
                socket.close();
            }
        }
    }

    @Test
    void handshakeFloodIsRateLimitedWith503AndRetryAfter() throws Exception {
        start(WebSocketSettings.builder().limits(new ConnectionLimits(10_000, 10_000, 1, 3)).build());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RawWebSocket.Response response = handshake(Map.of());
            statuses.add(response.status());
            if (response.status() == 503) {
                assertThat(response.headers()).containsEntry("retry-after", "1");
                assertThat(response.body()).isEqualTo("Too many WebSocket handshakes from your address; slow down");
            }
        }
        assertThat(statuses.subList(0, 3)).containsOnly(101);
        assertThat(statuses).contains(503);
    }

    @Test
    void handshakesDuringShutdownGet503() throws Exception {
        start(WebSocketSettings.defaults());
        this.upgrader.connections().shutdown(Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        RawWebSocket.Response refused = handshake(Map.of());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("The server is shutting down");
    }
}
