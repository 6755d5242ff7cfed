package dev.wspair.client;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wspair.CloseEvent;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.testing.EchoWorker;
import dev.wspair.testing.JdkClient;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.PlainUpstream;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * A proxy route that fetches an upstream socket and returns it in its own {@code 101}, as a Worker
 * returns {@code resp.webSocket} — with real clients on one side and real servers on the other.
 */
@ExtendWith(NoLeaks.class)
class ProxyTests {

    private final EchoWorker echo = new EchoWorker();

    private final WebSocketClient client = WebSocketClient.create();

    private final TestServer upstream = TestServer.start(WebSocketSettings.defaults(), this.echo.routes()
        .and(RouterFunctions.route(path("/secret"), request -> ServerResponse.status(HttpStatus.FORBIDDEN).bodyValue("no entry"))));

    private TestServer proxy;

    private PlainUpstream plain;

    @AfterEach
    void stop() {
        if (this.proxy != null) {
            this.proxy.close();
        }
        if (this.plain != null) {
            this.plain.close();
        }
        this.upstream.close();
    }

    /** Starts a proxy whose {@code /proxy} route relays to the URL; a refusal is passed on as status and body. */
    private void startProxy(String upstreamUrl) {
        this.proxy = TestServer.start(WebSocketSettings.defaults(), RouterFunctions.route(path("/proxy"), request -> this.client.fetch(upstreamUrl)
            .flatMap(response -> {
                WebSocket socket = response.webSocket();
                return (socket != null) ? WebSocketResponse.of(socket) : ServerResponse.status(response.status()).bodyValue(response.text());
            })));
    }

    private String upstreamHttp(String path) {
        return "http://127.0.0.1:" + this.upstream.port() + path;
    }

    @Test
    void textStaysTextAndBinaryStaysBinaryBothWays() throws Exception {
        startProxy(upstreamHttp("/echo"));
        JdkClient client = JdkClient.connect(this.proxy.url("/proxy"));
        client.socket.sendText("one", true).get(10, TimeUnit.SECONDS);
        client.socket.sendBinary(ByteBuffer.wrap(new byte[] { 7, 8, (byte) 200 }), true).get(10, TimeUnit.SECONDS);

        assertThat(client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
        assertThat(client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:one");
        assertThat(client.binaries.poll(10, TimeUnit.SECONDS)).containsExactly(7, 8, 200);
        MessageEvent text = this.echo.next(MessageEvent.class);
        assertThat(text.isText()).isTrue();
        assertThat(text.text()).isEqualTo("one");
        MessageEvent binary = this.echo.next(MessageEvent.class);
        assertThat(binary.isText()).isFalse();
        assertThat(binary.bytes()).containsExactly(7, 8, 200);
    }

    @Test
    void clientCloseReachesTheUpstreamWithCodeAndReason() throws Exception {
        startProxy(upstreamHttp("/echo"));
        JdkClient client = JdkClient.connect(this.proxy.url("/proxy"));
        assertThat(client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
        client.socket.sendClose(4001, "client bye").get(10, TimeUnit.SECONDS);

        assertThat(this.echo.next(CloseEvent.class)).isEqualTo(new CloseEvent(4001, "client bye", true));
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("4001 client bye");
    }

    @Test
    void upstreamCloseReachesTheClientWithCodeAndReason() throws Exception {
        startProxy(upstreamHttp("/echo"));
        JdkClient client = JdkClient.connect(this.proxy.url("/proxy"));
        client.socket.sendText("close:4002:upstream bye", true).get(10, TimeUnit.SECONDS);

        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("4002 upstream bye");
        assertThat(client.messages).containsExactly("hello");
        assertThat(this.echo.next(CloseEvent.class)).isEqualTo(new CloseEvent(4002, "upstream bye", true));
    }

    @Test
    void emptyCloseFromTheUpstreamStaysEmpty() throws Exception {
        startProxy(upstreamHttp("/echo"));
        try (RawWebSocket client = RawWebSocket.open(this.proxy.port(), "/proxy")) {
            client.sendText("close::");
            RawWebSocket.Frame close = client.readUntilClose();
            assertThat(close.payload()).isEmpty();
            assertThat(close.closeCode()).isEqualTo(1005);
        }
    }

    @Test
    void clientDroppingTcpGivesTheUpstream1006() throws Exception {
        startProxy(upstreamHttp("/echo"));
        RawWebSocket client = RawWebSocket.open(this.proxy.port(), "/proxy");
        client.sendText("ping");
        assertThat(this.echo.next(MessageEvent.class).text()).isEqualTo("ping");
        client.close();

        assertThat(this.echo.next(CloseEvent.class)).isEqualTo(new CloseEvent(1006, "WebSocket disconnected without sending Close frame.", false));
    }

    @Test
    void upstreamDroppingTcpEndsTheClientConnectionWithoutACloseFrame() throws Exception {
        this.plain = PlainUpstream.dropping();
        startProxy(this.plain.httpUrl("/drop"));
        try (RawWebSocket client = RawWebSocket.open(this.proxy.port(), "/proxy")) {
            client.sendText("drop now");
            List<RawWebSocket.Frame> frames = client.readUntilEnd();
            assertThat(frames).noneMatch(frame -> frame.opcode() == RawWebSocket.CLOSE);
        }
    }

    @Test
    void refusedUpstreamIsPassedOnAsStatusAndBody() throws Exception {
        startProxy(upstreamHttp("/secret"));
        try (RawWebSocket client = RawWebSocket.connect(this.proxy.port(), RawWebSocket.handshake("/proxy", "dGhlIHNhbXBsZSBub25jZQ=="))) {
            RawWebSocket.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("no entry");
        }
    }

    @Test
    void badHandshakeFromTheClientDropsTheUpstreamConnection() throws Exception {
        startProxy(upstreamHttp("/echo"));
        try (RawWebSocket client = RawWebSocket.connect(this.proxy.port(), RawWebSocket.handshake("/proxy", "not-a-key"))) {
            assertThat(client.readResponse().status()).isEqualTo(400);
        }
        assertThat(this.echo.next(CloseEvent.class)).isEqualTo(new CloseEvent(1006, "WebSocket disconnected without sending Close frame.", false));
    }
}
