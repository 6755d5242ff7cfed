package dev.wspair.webflux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wspair.CloseEvent;
import dev.wspair.ErrorEvent;
import dev.wspair.Event;
import dev.wspair.EventType;
import dev.wspair.MessageEvent;
import dev.wspair.MessageTooLargeException;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.EchoWorker;
import dev.wspair.testing.JdkClient;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClient.WebsocketSender;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The bridge against a real Reactor Netty server with real clients: Reactor Netty's, the JDK's
 * {@link java.net.http.WebSocket}, and raw sockets for the protocol's edge cases.
 */
@ExtendWith(NoLeaks.class)
class WebSocketBridgeTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EchoWorker echo = new EchoWorker();

    private TestServer server;

    @AfterEach
    void stop() {
        if (this.server != null) {
            this.server.close();
        }
    }

    private void start(WebSocketSettings settings) {
        this.server = TestServer.start(settings, this.echo.routes());
    }

    @Test
    void reactorNettyClientExchangesTextAndBinaryAndSeesTheGreetingFirst() {
        start(WebSocketSettings.defaults());
        List<String> received = reactorNettyClient(65536).uri(this.server.url("/echo"))
            .handle((in, out) -> out.sendString(Flux.just("one", "two"))
                .then()
                .thenMany(in.receive().asString().take(3)))
            .collectList()
            .block(TIMEOUT);
        assertThat(received).containsExactly("hello", "echo:one", "echo:two");

        byte[] bytes = { 0, 1, 2, (byte) 255 };
        byte[] echoed = reactorNettyClient(65536).uri(this.server.url("/echo"))
            .handle((in, out) -> out.sendByteArray(Mono.just(bytes))
                .then()
                .thenMany(in.receiveFrames().skip(1).take(1).map(frame -> {
                    byte[] copy = new byte[frame.content().readableBytes()];
                    frame.content().readBytes(copy);
                    return copy;
                })))
            .blockFirst(TIMEOUT);
        assertThat(echoed).containsExactly(bytes);
    }

    @Test
    void messagesArriveInOrder() throws Exception {
        start(WebSocketSettings.defaults());
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo")) {
            for (int i = 0; i < 200; i++) {
                client.sendText("m" + i);
            }
            assertThat(client.readFrame().text()).isEqualTo("hello");
            for (int i = 0; i < 200; i++) {
                assertThat(client.readFrame().text()).isEqualTo("echo:m" + i);
            }
        }
        for (int i = 0; i < 200; i++) {
            assertThat(this.echo.next(MessageEvent.class).text()).isEqualTo("m" + i);
        }
    }

    @Test
    void clientCloseCodeAndReasonReachTheServerAndAreEchoed() throws Exception {
        start(WebSocketSettings.defaults());
        JdkClient client = JdkClient.connect(this.server.url("/echo"));
        assertThat(client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
        client.socket.sendClose(4001, "bye").get(10, TimeUnit.SECONDS);

        CloseEvent close = this.echo.next(CloseEvent.class);
        assertThat(close).isEqualTo(new CloseEvent(4001, "bye", true));
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("4001 bye");
    }

    @Test
    void serverCloseCodeAndReasonReachTheClient() throws Exception {
        start(WebSocketSettings.defaults());
        JdkClient client = JdkClient.connect(this.server.url("/echo"));
        client.socket.sendText("before", true).get(10, TimeUnit.SECONDS);
        client.socket.sendText("close:4002:server bye", true).get(10, TimeUnit.SECONDS);
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("4002 server bye");
        assertThat(client.messages).containsExactly("hello", "echo:before");
        assertThat(this.echo.next(CloseEvent.class).code()).isEqualTo(4002);
    }

    @Test
    void closeWithoutCodeSendsAnEmptyCloseFrame() throws Exception {
        start(WebSocketSettings.defaults());
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo")) {
            client.sendText("close::");
            RawWebSocket.Frame close = client.readUntilClose();
            assertThat(close.payload()).isEmpty();
            assertThat(close.closeCode()).isEqualTo(1005);
        }
    }

    @Test
    void droppedConnectionGivesTheServerEndAnUncleanClose1006() throws Exception {
        start(WebSocketSettings.defaults());
        RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo");
        client.sendText("ping");
        assertThat(this.echo.next(MessageEvent.class).text()).isEqualTo("ping");
        client.close();

        assertThat(this.echo.next(CloseEvent.class))
            .isEqualTo(new CloseEvent(1006, "WebSocket disconnected without sending Close frame.", false));
    }

    @Test
    void oversizedMessageClosesWith1009AndGivesTheServerEndAnErrorEvent() throws Exception {
        start(WebSocketSettings.builder().maxMessageSize(1024).build());
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo")) {
            client.sendFrame(RawWebSocket.TEXT, true, "y".repeat(1025).getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame close = client.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(1009);
            assertThat(close.closeReason()).isEqualTo("Max frame length of 1024 has been exceeded.");
        }
        ErrorEvent error = this.echo.next(ErrorEvent.class);
        assertThat(error.message()).isEqualTo("Message is too large: a frame exceeded 1024 bytes");
        assertThat(error.error()).isInstanceOf(MessageTooLargeException.class);
        assertThat(this.echo.events()).noneMatch(MessageEvent.class::isInstance);
    }

    @Test
    void oversizedFragmentedMessageClosesWith1009() throws Exception {
        start(WebSocketSettings.builder().maxMessageSize(1024).build());
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo")) {
            byte[] part = "z".repeat(500).getBytes(StandardCharsets.UTF_8);
            client.sendFrame(RawWebSocket.TEXT, false, part);
            client.sendFrame(RawWebSocket.CONTINUATION, false, part);
            client.sendFrame(RawWebSocket.CONTINUATION, true, part);
            RawWebSocket.Frame close = client.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(1009);
            assertThat(close.closeReason()).isEqualTo("Message is too large: 1500 > 1024");
        }
        assertThat(this.echo.next(ErrorEvent.class).message()).isEqualTo("Message is too large: 1500 > 1024");
    }

    @Test
    void fragmentedMessageWithinTheLimitIsReassembled() throws Exception {
        start(WebSocketSettings.builder().maxMessageSize(1024).build());
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/echo")) {
            client.sendFrame(RawWebSocket.TEXT, false, "ab".getBytes(StandardCharsets.UTF_8));
            client.sendFrame(RawWebSocket.CONTINUATION, false, "cd".getBytes(StandardCharsets.UTF_8));
            client.sendFrame(RawWebSocket.CONTINUATION, true, "ef".getBytes(StandardCharsets.UTF_8));
            assertThat(client.readFrame().text()).isEqualTo("hello");
            assertThat(client.readFrame().text()).isEqualTo("echo:abcdef");
        }
    }

    @Test
    void clientThatStopsReadingIsClosedByTheQueuePolicyWhileAnotherKeepsWorking() throws Exception {
        start(WebSocketSettings.builder().maxQueuedMessages(64).maxQueuedBytes(64 * 1024).closeTimeout(Duration.ofSeconds(30)).build());
        try (RawWebSocket slow = RawWebSocket.open(this.server.port(), "/echo")) {
            slow.sendText("flood:20000");
            ErrorEvent overflow = this.echo.next(ErrorEvent.class);
            assertThat(overflow.error()).isInstanceOf(OutboundQueueOverflowException.class);
            assertThat(overflow.message()).contains("Outbound queue full").contains("closing with 1008");

            JdkClient healthy = JdkClient.connect(this.server.url("/echo"));
            healthy.socket.sendText("still here", true).get(10, TimeUnit.SECONDS);
            assertThat(healthy.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
            assertThat(healthy.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:still here");

            RawWebSocket.Frame close = slow.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(slow.awaitEndOfStream()).isTrue();
        }
    }

    @Test
    void queueThatMakesNoProgressForTheSendTimeLimitIsClosed() throws Exception {
        start(WebSocketSettings.builder()
            .maxQueuedMessages(100_000)
            .maxQueuedBytes(64L * 1024 * 1024)
            .sendTimeLimit(Duration.ofMillis(300))
            .closeTimeout(Duration.ofSeconds(30))
            .build());
        try (RawWebSocket slow = RawWebSocket.open(this.server.port(), "/echo")) {
            slow.sendText("flood:20000");
            ErrorEvent stalled = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (stalled == null && System.nanoTime() < deadline) {
                slow.sendText("flood:1");
                Event event = this.echo.events().poll(200, TimeUnit.MILLISECONDS);
                if (event instanceof ErrorEvent error) {
                    stalled = error;
                }
            }
            assertThat(stalled).as("an error event within %s", TIMEOUT).isNotNull();
            assertThat(stalled.error()).isInstanceOf(OutboundQueueOverflowException.class);
            assertThat(stalled.message()).contains("Outbound queue full: nothing was written for 300 ms").contains("closing with 1008");
        }
    }

    /**
     * A response produced on another thread, as a Durable Object produces it: a frame the client
     * sends right after the {@code 101} must not be lost while the connection switches to
     * WebSocket framing.
     */
    @Test
    void firstFrameIsNotLostWhenTheResponseIsProducedOffTheEventLoop() throws Exception {
        this.server = TestServer.start(WebSocketSettings.builder().limits(new ConnectionLimits(1000, 1000, 10_000, 10_000)).build(),
                RouterFunctions.route(path("/elsewhere"), request -> Mono.fromCallable(() -> {
                    var pair = new WebSocketPair();
                    WebSocket ws = pair.server();
                    ws.accept();
                    ws.addEventListener(EventType.MESSAGE, event -> ws.send("echo:" + event.text()));
                    return pair.client();
                }).subscribeOn(Schedulers.boundedElastic()).flatMap(WebSocketResponse::of)));
        List<RawWebSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                RawWebSocket client = RawWebSocket.open(this.server.port(), "/elsewhere");
                clients.add(client);
                client.sendText("first-" + i);
            }
            for (int i = 0; i < 200; i++) {
                assertThat(clients.get(i).readFrame().text()).isEqualTo("echo:first-" + i);
            }
        }
        finally {
            for (RawWebSocket client : clients) {
                client.close();
            }
        }
    }

    @Test
    void badHandshakeKeyGets400AndTheServerEndA1006Close() throws Exception {
        start(WebSocketSettings.defaults());
        try (RawWebSocket client = RawWebSocket.connect(this.server.port(), RawWebSocket.handshake("/echo", "not-a-key"))) {
            RawWebSocket.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("Invalid Sec-WebSocket-Key: it must be 16 random bytes, base64-encoded");
        }
        assertThat(this.echo.next(CloseEvent.class)).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
    }

    @Test
    void wrongMethodGets405() throws Exception {
        start(WebSocketSettings.defaults());
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        String head = RawWebSocket.handshake("/echo", key).replaceFirst("GET", "POST").replace("\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n");
        try (RawWebSocket client = RawWebSocket.connect(this.server.port(), head)) {
            RawWebSocket.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.headers()).containsEntry("allow", "GET");
            assertThat(response.body()).isEqualTo("A WebSocket handshake must be a GET request, not POST");
        }
        assertThat(this.echo.next(CloseEvent.class).code()).isEqualTo(1006);
    }

    @Test
    void missingUpgradeHeaderGets400() throws Exception {
        start(WebSocketSettings.defaults());
        try (RawWebSocket client = RawWebSocket.connect(this.server.port(), "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
            RawWebSocket.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("Expected a WebSocket handshake with the header \"Upgrade: websocket\"");
        }
        assertThat(this.echo.next(CloseEvent.class)).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
    }

    @Test
    void unsupportedVersionGets426WithTheSupportedVersion() throws Exception {
        start(WebSocketSettings.defaults());
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        String head = RawWebSocket.handshake("/echo", key).replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
        try (RawWebSocket client = RawWebSocket.connect(this.server.port(), head)) {
            RawWebSocket.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(426);
            assertThat(response.headers()).containsEntry("sec-websocket-version", "13");
        }
    }

    @Test
    void halfOpenEndSeesClosingStateWhileNettyHasAlreadyAnsweredTheClient() throws Exception {
        BlockingQueue<Integer> readyStates = new LinkedBlockingQueue<>();
        this.server = TestServer.start(WebSocketSettings.defaults(), RouterFunctions.route(path("/half"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept(true);
            ws.addEventListener(EventType.CLOSE, event -> {
                readyStates.add(ws.readyState());
                ws.close(1000, "late");
                readyStates.add(ws.readyState());
            });
            return WebSocketResponse.of(pair.client());
        }));
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/half")) {
            client.sendClose(4003, "half");
            RawWebSocket.Frame echo = client.readUntilClose();
            assertThat(echo.closeCode()).isEqualTo(4003);
            assertThat(echo.closeReason()).isEqualTo("half");
        }
        assertThat(readyStates.poll(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.READY_STATE_CLOSING);
        assertThat(readyStates.poll(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.READY_STATE_CLOSED);
    }

    @Test
    void blockingWorkOnASerialWorkerKeepsOrderOffTheEventLoop() throws Exception {
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        this.server = TestServer.start(WebSocketSettings.defaults(), RouterFunctions.route(path("/blocking"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            Scheduler.Worker lane = Schedulers.boundedElastic().createWorker();
            ws.addEventListener(EventType.MESSAGE, event -> lane.schedule(() -> {
                threads.add(Thread.currentThread().getName());
                ws.send("done:" + event.text());
            }));
            ws.addEventListener(EventType.CLOSE, event -> lane.dispose());
            return WebSocketResponse.of(pair.client());
        }));
        try (RawWebSocket client = RawWebSocket.open(this.server.port(), "/blocking")) {
            for (int i = 0; i < 50; i++) {
                client.sendText(String.valueOf(i));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(client.readFrame().text()).isEqualTo("done:" + i);
            }
        }
        assertThat(threads).hasSize(50).allSatisfy(name -> assertThat(name).startsWith("boundedElastic"));
    }

    private static WebsocketSender reactorNettyClient(int maxFrame) {
        return HttpClient.create()
            .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(maxFrame).build());
    }
}
