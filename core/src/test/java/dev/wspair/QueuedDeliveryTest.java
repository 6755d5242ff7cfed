package dev.wspair;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Frames and a Close sent before the peer accepts are delivered in order once it does (semantics
 * §1.3, §2.6), to the listeners registered when {@code accept()} is called: for two ends in one
 * JVM, listeners go on before {@code accept()} (README, "Workers behaviour and how wspair maps it").
 */
class QueuedDeliveryTest {

    @Test
    void textBinaryAndCloseSentBeforePeerAcceptsArriveInOrderAfterAccept() throws InterruptedException {
        WebSocketPair pair = new WebSocketPair();
        WebSocket client = pair.client();
        WebSocket server = pair.server();
        client.accept();
        client.send("first");
        client.send(new byte[] { 1, 2, 3 });
        client.send("third");
        client.close(4000, "done");
        Recorder events = Recorder.of(server);

        server.accept();

        assertThat(events.nextText()).isEqualTo("first");
        MessageEvent binary = events.nextMessage();
        assertThat(binary.isText()).isFalse();
        assertThat(binary.bytes()).containsExactly(1, 2, 3);
        assertThat(events.nextText()).isEqualTo("third");
        assertThat(events.nextClose()).isEqualTo(new CloseEvent(4000, "done", true));
    }

    @Test
    void closeQueuedBeforePeerAcceptsIsAnsweredOnceItAccepts() throws InterruptedException {
        WebSocketPair pair = new WebSocketPair();
        WebSocket client = pair.client();
        WebSocket server = pair.server();
        Recorder clientEvents = Recorder.of(client);
        client.accept();
        client.close(1000, "early");
        assertThat(client.readyState()).as("our Close is queued, the peer has not answered").isEqualTo(2);

        server.accept();

        assertThat(clientEvents.nextClose()).isEqualTo(new CloseEvent(1000, "early", true));
        assertThat(client.readyState()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.readyState() == 3);
    }

    @Test
    void framesFromBothDirectionsQueueIndependently() throws InterruptedException {
        WebSocketPair pair = new WebSocketPair();
        WebSocket client = pair.client();
        WebSocket server = pair.server();
        Recorder clientEvents = Recorder.of(client);
        Recorder serverEvents = Recorder.of(server);
        server.accept();
        server.send("to client");

        client.accept();
        client.send("to server");

        assertThat(clientEvents.nextText()).isEqualTo("to client");
        assertThat(serverEvents.nextText()).isEqualTo("to server");
    }
}
