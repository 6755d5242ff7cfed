package dev.wspair.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wspair.CloseEvent;
import dev.wspair.ErrorEvent;
import dev.wspair.Event;
import dev.wspair.EventType;
import dev.wspair.MessageEvent;
import dev.wspair.OpenEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.ClosedPort;
import dev.wspair.testing.EchoWorker;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * {@link WebSocketClient#connect} — Workers' {@code new WebSocket(url, protocols)} — against real
 * servers: argument checks with Workers' texts, the connecting state, {@code open}, and failed
 * handshakes.
 */
@ExtendWith(NoLeaks.class)
class ConnectTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EchoWorker echo = new EchoWorker();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private final WebSocketClient client = WebSocketClient.create();

    private TestServer upstream;

    @BeforeEach
    void startUpstream() {
        this.upstream = TestServer.start(WebSocketSettings.defaults(), this.echo.routes()
            .and(RouterFunctions.route(path("/secret"), request -> ServerResponse.status(HttpStatus.FORBIDDEN).bodyValue("no entry")))
            .and(RouterFunctions.route(path("/chat"), request -> {
                var pair = new WebSocketPair();
                WebSocket ws = pair.server();
                ws.accept();
                ws.addEventListener(EventType.MESSAGE, event -> ws.send("chat:" + event.text()));
                return WebSocketResponse.of(pair.client()).doOnNext(response -> response.headers().set("Sec-WebSocket-Protocol", "chat.v2"));
            })));
    }

    @AfterEach
    void stopUpstream() {
        this.upstream.close();
    }

    private WebSocket listen(WebSocket ws) {
        ws.addEventListener(EventType.OPEN, this.events::add);
        ws.addEventListener(EventType.MESSAGE, this.events::add);
        ws.addEventListener(EventType.ERROR, this.events::add);
        ws.addEventListener(EventType.CLOSE, this.events::add);
        return ws;
    }

    private Event nextEvent() throws InterruptedException {
        Event event = this.events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(event).as("an event within %s", TIMEOUT).isNotNull();
        return event;
    }

    @Test
    void invalidUrlsAreRefusedWithWorkersTexts() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.connect("not a url"))
            .withMessage("WebSocket Constructor: The url is invalid.");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.connect("https://example.com/ws"))
            .withMessage("WebSocket Constructor: The url scheme must be ws or wss.");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.connect("wss://example.com/ws#top"))
            .withMessage("WebSocket Constructor: The url fragment must be empty.");
    }

    @Test
    void invalidProtocolsAreRefusedWithWorkersTexts() {
        String url = this.upstream.url("/echo");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.connect(url, "chat v2"))
            .withMessage("WebSocket Constructor: The protocol header token is invalid.");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.connect(url, ""))
            .withMessage("WebSocket Constructor: The protocol header token is invalid.");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.connect(url, List.of("chat", "a,b")))
            .withMessage("WebSocket Constructor: One of the protocol header tokens is invalid.");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.connect(url, List.of("chat", "chat")))
            .withMessage("WebSocket Constructor: The protocols header cannot have repeating values.");
    }

    @Test
    void opensWithTheNegotiatedProtocolAndIsAcceptedAutomatically() throws Exception {
        String url = this.upstream.url("/chat");
        // The handshake runs on the event loop and may finish before connect() returns: the state
        // while connecting is checked against a server that never answers, below.
        WebSocket ws = listen(this.client.connect(url, List.of("chat.v1", "chat.v2")));
        assertThat(ws.url()).isEqualTo(url);

        assertThat(nextEvent()).isInstanceOf(OpenEvent.class);
        assertThat(ws.readyState()).isEqualTo(WebSocket.READY_STATE_OPEN);
        assertThat(ws.protocol()).isEqualTo("chat.v2");
        assertThat(ws.extensions()).as("none negotiated: null, as in Workers").isNull();
        ws.accept();
        ws.send("hi");
        assertThat(((MessageEvent) nextEvent()).text()).isEqualTo("chat:hi");
    }

    @Test
    void emptyProtocolListOffersNoneAndTheStaticFactoryTalksToTheUpstream() throws Exception {
        WebSocket ws = WebSocketClient.newWebSocket(this.upstream.url("/echo"), List.of());
        // the open event may be kept for the first OPEN listener: that one listener also answers it
        ws.addEventListener(EventType.OPEN, event -> {
            this.events.add(event);
            ws.send("from open");
        });
        ws.addEventListener(EventType.MESSAGE, this.events::add);
        ws.addEventListener(EventType.CLOSE, this.events::add);
        assertThat(nextEvent()).isInstanceOf(OpenEvent.class);
        assertThat(((MessageEvent) nextEvent()).text()).isEqualTo("hello");
        assertThat(((MessageEvent) nextEvent()).text()).isEqualTo("echo:from open");
        assertThat(ws.protocol()).isNull();
        ws.close(1000, "bye");
        assertThat(nextEvent()).isEqualTo(new CloseEvent(1000, "bye", true));
        assertThat(this.echo.next(CloseEvent.class)).isEqualTo(new CloseEvent(1000, "bye", true));
    }

    @Test
    void whileConnectingItCanNeitherBeAcceptedNorReturnedNorSentTo() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            WebSocket ws = this.client.connect("ws://127.0.0.1:" + silent.getLocalPort() + "/ws", List.of("chat.v1"));
            assertThat(ws.readyState()).isEqualTo(WebSocket.READY_STATE_CONNECTING);
            assertThat(ws.protocol()).as("nothing negotiated yet").isEmpty();
            assertThatIllegalStateException().isThrownBy(ws::accept)
                .withMessage("Websockets obtained from the 'new WebSocket()' constructor cannot call accept");
            assertThatIllegalStateException().isThrownBy(() -> WebSocketResponse.of(ws))
                .withMessage("Can't return WebSocket in a Response if it was created with `new WebSocket()`");
            assertThatIllegalStateException().isThrownBy(() -> ws.send("too early"))
                .withMessage("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.");
            ws.close();
        }
    }

    @Test
    void closeWhileConnectingCancelsTheHandshakeAndDropsTheConnection() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            WebSocket ws = listen(this.client.connect("ws://127.0.0.1:" + silent.getLocalPort() + "/ws"));
            silent.setSoTimeout((int) TIMEOUT.toMillis());
            try (Socket accepted = silent.accept(); InputStream in = accepted.getInputStream()) {
                accepted.setSoTimeout((int) TIMEOUT.toMillis());
                assertThat(in.read()).as("the upgrade request starts arriving").isEqualTo('G');
                ws.close(1000, "never mind");

                ErrorEvent error = (ErrorEvent) nextEvent();
                assertThat(error.message()).isEqualTo("Called close before connection was established.");
                assertThat(nextEvent()).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
                assertThat(ws.readyState()).isEqualTo(WebSocket.READY_STATE_CLOSED);
                assertThat(in.readAllBytes()).as("the rest of the request, then end of stream").isNotEmpty();
            }
        }
    }

    @Test
    void refusedHandshakeGivesWorkersErrorThenClose1006() throws Exception {
        WebSocket ws = listen(this.client.connect(this.upstream.url("/secret")));

        ErrorEvent error = (ErrorEvent) nextEvent();
        assertThat(error.error()).isInstanceOf(WebSocketConnectException.class);
        assertThat(error.message()).isEqualTo("Failed to establish the WebSocket connection: expected server to reply with HTTP "
                + "status code 101 (switching protocols), but received 403 instead.");
        assertThat(nextEvent()).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
        assertThat(ws.readyState()).isEqualTo(WebSocket.READY_STATE_CLOSED);
    }

    @Test
    void unreachableServerGivesAnErrorNamingTheUrlThenClose1006() throws Exception {
        WebSocketClient quick = WebSocketClient.builder().connectTimeout(Duration.ofSeconds(3)).build();
        try (ClosedPort closed = ClosedPort.reserve()) {
            int port = closed.port();
            listen(quick.connect("ws://127.0.0.1:" + port + "/ws"));

            ErrorEvent error = (ErrorEvent) nextEvent();
            assertThat(error.message()).startsWith("Could not open a WebSocket to ws://127.0.0.1:" + port + "/ws: ")
                .containsAnyOf("Connection refused", "connection timed out");
            assertThat(nextEvent()).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
        }
    }

    @Test
    void failureThatEndedBeforeTheListenersWereAddedIsStillHeard() throws Exception {
        try (ClosedPort closed = ClosedPort.reserve()) {
            WebSocket ws = this.client.connect("ws://127.0.0.1:" + closed.port() + "/ws");
            await().atMost(TIMEOUT).until(() -> ws.readyState() == WebSocket.READY_STATE_CLOSED);
            listen(ws);

            assertThat(nextEvent()).isInstanceOf(ErrorEvent.class);
            assertThat(nextEvent()).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
        }
    }

    @Test
    void openAndGreetingThatCameBeforeTheListenersWereAddedAreStillHeard() throws Exception {
        WebSocket ws = this.client.connect(this.upstream.url("/echo"));
        await().atMost(TIMEOUT).until(() -> ws.readyState() == WebSocket.READY_STATE_OPEN);
        listen(ws);

        assertThat(nextEvent()).isInstanceOf(OpenEvent.class);
        assertThat(((MessageEvent) nextEvent()).text()).isEqualTo("hello");
        ws.send("after");
        assertThat(((MessageEvent) nextEvent()).text()).isEqualTo("echo:after");
        ws.close(1000, "done");
        assertThat(nextEvent()).isEqualTo(new CloseEvent(1000, "done", true));
    }

    @Test
    void serverDecliningTheOfferedProtocolFailsTheHandshake() throws Exception {
        listen(this.client.connect(this.upstream.url("/echo"), "chat"));
        ErrorEvent error = (ErrorEvent) nextEvent();
        assertThat(error.message()).contains("Invalid subprotocol");
        assertThat(nextEvent()).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
    }
}
