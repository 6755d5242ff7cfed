package dev.wspair;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How to unit-test a Worker-style handler with no server: the handler accepts and drives the
 * server end exactly as in production, and the test accepts the client end of the same pair,
 * listens to it and talks to the handler.
 */
class EchoHandlerTest {

    /** The handler under test, written as in a Worker; it would return {@code pair.client()} in a 101 response. */
    static WebSocket echo(WebSocketPair pair) {
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> server.send("echo:" + event.text()));
        server.addEventListener(EventType.CLOSE, event -> { /* auto-reply answers the close */ });
        return pair.client();
    }

    @Test
    void echoesEachTextMessageInOrder() throws InterruptedException {
        WebSocket client = echo(new WebSocketPair());
        Recorder replies = Recorder.of(client);
        client.accept();

        client.send("hello");
        client.send("world");

        assertThat(replies.nextText()).isEqualTo("echo:hello");
        assertThat(replies.nextText()).isEqualTo("echo:world");
    }

    @Test
    void closingTheClientIsAnsweredByTheHandler() throws InterruptedException {
        WebSocket client = echo(new WebSocketPair());
        Recorder replies = Recorder.of(client);
        client.accept();

        client.send("last");
        client.close(1000, "done");

        assertThat(replies.nextText()).isEqualTo("echo:last");
        assertThat(replies.nextClose()).isEqualTo(new CloseEvent(1000, "done", true));
        assertThat(client.readyState()).isEqualTo(3);
    }
}
