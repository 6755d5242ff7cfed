package dev.wspair;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** send()/close() before accept() and accepting twice (semantics §1.4, §1.5). */
class AcceptTest {

    private static final String MUST_ACCEPT = "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.";

    @Test
    void sendTextBeforeAcceptThrows() {
        WebSocket end = new WebSocketPair().server();

        assertThatThrownBy(() -> end.send("hello"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(MUST_ACCEPT);
    }

    @Test
    void sendBytesBeforeAcceptThrows() {
        WebSocket end = new WebSocketPair().server();

        assertThatThrownBy(() -> end.send(new byte[] { 1, 2, 3 }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(MUST_ACCEPT);
    }

    @Test
    void sendByteBufferBeforeAcceptThrows() {
        WebSocket end = new WebSocketPair().server();

        assertThatThrownBy(() -> end.send(ByteBuffer.wrap(new byte[] { 1 })))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(MUST_ACCEPT);
    }

    @Test
    void closeWithoutCodeBeforeAcceptThrows() {
        WebSocket end = new WebSocketPair().server();

        assertThatThrownBy(end::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(MUST_ACCEPT);
    }

    @Test
    void closeWithValidCodeBeforeAcceptThrows() {
        WebSocket end = new WebSocketPair().server();

        assertThatThrownBy(() -> end.close(1000, "bye"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(MUST_ACCEPT);
        assertThatThrownBy(() -> end.close(1000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(MUST_ACCEPT);
    }

    @Test
    void failedSendOrCloseBeforeAcceptLeavesTheEndOpenAndUsable() throws InterruptedException {
        WebSocketPair pair = new WebSocketPair();
        Recorder client = Recorder.of(pair.client());
        pair.client().accept();
        WebSocket server = pair.server();
        assertThatThrownBy(() -> server.send("too early")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(server::close).isInstanceOf(IllegalStateException.class);

        server.accept();
        server.send("now");

        assertThat(server.readyState()).isEqualTo(1);
        assertThat(client.nextText()).isEqualTo("now");
    }

    @Test
    void acceptingTwiceIsANoOp() throws InterruptedException {
        WebSocketPair pair = new WebSocketPair();
        Recorder client = Recorder.of(pair.client());
        pair.client().accept();
        WebSocket server = pair.server();

        server.accept();
        server.accept();
        server.send("once");

        assertThat(client.nextText()).isEqualTo("once");
        assertThat(server.readyState()).isEqualTo(1);
    }

    @Test
    void secondAcceptWithAllowHalfOpenKeepsAutoReplyToClose() throws InterruptedException {
        WebSocketPair pair = new WebSocketPair();
        WebSocket client = pair.client();
        WebSocket server = pair.server();
        Recorder clientEvents = Recorder.of(client);
        Recorder serverEvents = Recorder.of(server);
        client.accept();
        server.accept();
        server.accept(true);

        client.close(4000, "bye");

        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(4000, "bye", true));
        assertThat(server.readyState()).as("auto-reply kept: CLOSED, not CLOSING").isEqualTo(3);
        assertThat(clientEvents.nextClose()).as("the echoed close").isEqualTo(new CloseEvent(4000, "bye", true));
        assertThat(client.readyState()).isEqualTo(3);
    }

    @Test
    void secondAcceptWithoutAllowHalfOpenKeepsHalfOpen() throws InterruptedException {
        WebSocketPair pair = new WebSocketPair();
        WebSocket client = pair.client();
        WebSocket server = pair.server();
        Recorder clientEvents = Recorder.of(client);
        Recorder serverEvents = Recorder.of(server);
        client.accept();
        server.accept(true);
        server.accept();

        client.close(4000, "bye");

        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(4000, "bye", true));
        assertThat(server.readyState()).as("half-open kept: CLOSING").isEqualTo(2);
        server.send("still talking");
        assertThat(clientEvents.nextText()).as("no echoed close came first").isEqualTo("still talking");
    }
}
