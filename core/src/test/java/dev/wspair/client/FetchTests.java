package dev.wspair.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wspair.CloseEvent;
import dev.wspair.Event;
import dev.wspair.EventType;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.ClosedPort;
import dev.wspair.testing.EchoWorker;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.PlainUpstream;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.KeepAlive;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * {@link WebSocketClient#fetch} against real Reactor Netty servers: the Workers
 * {@code fetch(url, {headers: {Upgrade: "websocket"}})} shape, accepted and talked to.
 */
@ExtendWith(NoLeaks.class)
class FetchTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EchoWorker echo = new EchoWorker();

    private final BlockingQueue<Event> clientEvents = new LinkedBlockingQueue<>();

    private final WebSocketClient client = WebSocketClient.create();

    private TestServer upstream;

    @BeforeEach
    void startUpstream() {
        this.upstream = TestServer.start(WebSocketSettings.defaults(), this.echo.routes()
            .and(RouterFunctions.route(path("/secret"), request -> ServerResponse.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("no entry without a token")))
            .and(RouterFunctions.route(path("/greet-and-close"), request -> {
                var pair = new WebSocketPair();
                WebSocket ws = pair.server();
                ws.accept();
                ws.send("hi");
                ws.close(4000, "bye");
                return WebSocketResponse.of(pair.client());
            }))
            .and(RouterFunctions.route(path("/protocols"), request -> {
                var pair = new WebSocketPair();
                WebSocket ws = pair.server();
                ws.accept();
                ws.send("auth:" + request.headers().firstHeader("Authorization"));
                ws.send("offered:" + request.headers().firstHeader("Sec-WebSocket-Protocol"));
                return WebSocketResponse.of(pair.client()).doOnNext(response -> response.headers().set("Sec-WebSocket-Protocol", "b"));
            })));
    }

    @AfterEach
    void stopUpstream() {
        this.upstream.close();
    }

    private String httpUrl(String path) {
        return "http://127.0.0.1:" + this.upstream.port() + path;
    }

    private void listen(WebSocket ws) {
        ws.addEventListener(EventType.MESSAGE, this.clientEvents::add);
        ws.addEventListener(EventType.CLOSE, this.clientEvents::add);
        ws.addEventListener(EventType.ERROR, this.clientEvents::add);
    }

    private Event nextClientEvent() throws InterruptedException {
        Event event = this.clientEvents.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(event).as("a client event within %s", TIMEOUT).isNotNull();
        return event;
    }

    private WebSocket fetchSocket(String path) {
        UpgradeResponse response = this.client.fetch(httpUrl(path)).block(TIMEOUT);
        assertThat(response).isNotNull();
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.webSocket()).isNotNull();
        return response.webSocket();
    }

    @Test
    void acceptedSocketTalksToTheUpstreamAndClosesWithCodeAndReason() throws Exception {
        WebSocket ws = this.client.fetch(httpUrl("/echo")).map(response -> {
            WebSocket socket = response.webSocket();
            socket.accept();
            listen(socket);
            return socket;
        }).block(TIMEOUT);
        assertThat(ws.readyState()).isEqualTo(WebSocket.READY_STATE_OPEN);
        assertThat(ws.url()).isNull();
        assertThat(ws.protocol()).isEmpty();
        ws.send("one");
        ws.send(new byte[] { 0, 1, 2, (byte) 255 });

        assertThat(((MessageEvent) nextClientEvent()).text()).isEqualTo("hello");
        assertThat(((MessageEvent) nextClientEvent()).text()).isEqualTo("echo:one");
        MessageEvent binary = (MessageEvent) nextClientEvent();
        assertThat(binary.isText()).isFalse();
        assertThat(binary.bytes()).containsExactly(0, 1, 2, 255);
        assertThat(this.echo.next(MessageEvent.class).text()).isEqualTo("one");
        assertThat(this.echo.next(MessageEvent.class).isText()).as("binary stays binary").isFalse();

        ws.close(4001, "done");
        assertThat(this.echo.next(CloseEvent.class)).isEqualTo(new CloseEvent(4001, "done", true));
        assertThat(nextClientEvent()).isEqualTo(new CloseEvent(4001, "done", true));
        assertThat(ws.readyState()).isEqualTo(WebSocket.READY_STATE_CLOSED);
    }

    @Test
    void listenersAddedRightAfterAcceptInTheChainHearWhatTheUpstreamSentAtOnce() throws Exception {
        this.client.fetch(httpUrl("/greet-and-close")).doOnNext(response -> {
            WebSocket ws = response.webSocket();
            ws.accept();
            listen(ws);
        }).block(TIMEOUT);

        assertThat(((MessageEvent) nextClientEvent()).text()).isEqualTo("hi");
        assertThat(nextClientEvent()).isEqualTo(new CloseEvent(4000, "bye", true));
    }

    @Test
    void upstreamCloseReachesTheAcceptedSocket() throws Exception {
        WebSocket ws = fetchSocket("/echo");
        listen(ws);
        ws.accept();
        ws.send("close:4002:upstream bye");
        assertThat(((MessageEvent) nextClientEvent()).text()).isEqualTo("hello");
        assertThat(nextClientEvent()).isEqualTo(new CloseEvent(4002, "upstream bye", true));
        assertThat(this.echo.next(CloseEvent.class)).as("the socket answered the Close").isEqualTo(new CloseEvent(4002, "upstream bye", true));
    }

    @Test
    void headersGoWithTheRequestAndTheNegotiatedProtocolIsInTheResponseHeaders() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Authorization", "Bearer t0ken");
        headers.set("Upgrade", "websocket");
        headers.add("Sec-WebSocket-Protocol", "a");
        headers.add("Sec-WebSocket-Protocol", "b");
        UpgradeResponse response = this.client.fetch(httpUrl("/protocols"), headers).block(TIMEOUT);

        assertThat(response.headers().getFirst("Sec-WebSocket-Protocol")).isEqualTo("b");
        WebSocket ws = response.webSocket();
        assertThat(ws.protocol()).as("as in Workers, only new WebSocket() fills protocol").isEmpty();
        listen(ws);
        ws.accept();
        assertThat(((MessageEvent) nextClientEvent()).text()).isEqualTo("auth:Bearer t0ken");
        assertThat(((MessageEvent) nextClientEvent()).text()).isEqualTo("offered:a, b");
    }

    @Test
    void socketNotYetAcceptedIsNotTimedOutByKeepAliveForTheSilenceItCausesItself() throws Exception {
        WebSocketClient pinging = WebSocketClient.builder()
            .settings(WebSocketSettings.builder().keepAlive(new KeepAlive(Duration.ofMillis(100), Duration.ofMillis(100))).build())
            .build();
        WebSocket ws = pinging.fetch(httpUrl("/echo")).block(TIMEOUT).webSocket();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
            .until(() -> this.echo.events().stream().noneMatch(CloseEvent.class::isInstance));
        listen(ws);
        ws.accept();
        assertThat(((MessageEvent) nextClientEvent()).text()).isEqualTo("hello");
        assertThat(ws.readyState()).isEqualTo(WebSocket.READY_STATE_OPEN);
    }

    @Test
    void refusalGivesStatusHeadersAndBodyAndNoSocket() {
        UpgradeResponse response = this.client.fetch(httpUrl("/secret")).block(TIMEOUT);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.webSocket()).isNull();
        assertThat(response.text()).isEqualTo("no entry without a token");
        assertThat(response.body()).isEqualTo("no entry without a token".getBytes(StandardCharsets.UTF_8));
        assertThat(response.headers().getContentType()).isEqualTo(MediaType.TEXT_PLAIN);
    }

    @Test
    void unreachableUpstreamFailsWithAMessageNamingTheUrl() throws IOException {
        try (ClosedPort closed = ClosedPort.reserve()) {
            int port = closed.port();
            StepVerifier.create(this.client.fetch("http://127.0.0.1:" + port + "/echo?token=secret"))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WebSocketConnectException.class)
                    .hasMessageStartingWith("Could not open a WebSocket to ws://127.0.0.1:" + port + "/echo: ")
                    .hasMessageContaining("Connection refused")
                    .hasMessageNotContaining("secret"))
                .verify(TIMEOUT);
        }
    }

    @Test
    void upstreamThatNeverAnswersTheHandshakeTimesOut() throws IOException {
        WebSocketClient impatient = WebSocketClient.builder().handshakeTimeout(Duration.ofMillis(300)).build();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            StepVerifier.create(impatient.fetch("http://127.0.0.1:" + silent.getLocalPort() + "/ws"))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WebSocketConnectException.class)
                    .hasMessage("Could not open a WebSocket to ws://127.0.0.1:" + silent.getLocalPort() + "/ws: no answer to the handshake within 300 ms"))
                .verify(TIMEOUT);
        }
    }

    @Test
    void upstreamDroppingTheConnectionGivesTheAcceptedSocket1006() throws Exception {
        try (PlainUpstream dropping = PlainUpstream.dropping()) {
            WebSocket ws = this.client.fetch(dropping.httpUrl("/drop")).block(TIMEOUT).webSocket();
            listen(ws);
            ws.accept();
            ws.send("drop now");
            assertThat(nextClientEvent()).isEqualTo(new CloseEvent(1006, "WebSocket disconnected without sending Close frame.", false));
        }
    }

    @Test
    void urlsOtherThanHttpAreRefusedAsWorkersDoes() {
        StepVerifier.create(this.client.fetch("ws://127.0.0.1:1/echo"))
            .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fetch API cannot load: ws://127.0.0.1:1/echo"))
            .verify(TIMEOUT);
        StepVerifier.create(this.client.fetch("not a url"))
            .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid URL: not a url"))
            .verify(TIMEOUT);
    }
}
