package dev.wspair.sample.clickcounter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.wspair.CloseEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static dev.wspair.EventType.CLOSE;
import static dev.wspair.EventType.MESSAGE;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link ClickCounter} with no server at all: the test accepts the client end of a pair and
 * talks to the handler through it.
 */
class ClickCounterTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    private final ClickCounter counter = new ClickCounter(JsonMapper.builder().build(), NOON);

    @Test
    void answersClickWithTheCountAndAnythingElseWithAnError() throws InterruptedException {
        var pair = new WebSocketPair();
        counter.serve(pair.server());

        WebSocket client = pair.client();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        client.addEventListener(MESSAGE, event -> replies.add(event.text()));
        client.accept();

        client.send("CLICK");
        assertThat(replies.poll(5, SECONDS)).isEqualTo("{\"count\":1,\"tz\":\"2024-05-01T12:00:00.000Z\"}");

        client.send("HUH");
        assertThat(replies.poll(5, SECONDS)).isEqualTo("{\"error\":\"Unknown message received\",\"tz\":\"2024-05-01T12:00:00.000Z\"}");

        client.send("CLICK");
        assertThat(replies.poll(5, SECONDS)).isEqualTo("{\"count\":2,\"tz\":\"2024-05-01T12:00:00.000Z\"}");
    }

    @Test
    void treatsLowercaseEmptyPaddedAndBinaryMessagesAsUnknownAndKeepsTheCount() throws InterruptedException {
        Client client = Client.of(counter);

        client.socket.send("click");
        client.socket.send("");
        client.socket.send("CLICK ");
        client.socket.send("CLICK".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 4; i++) {
            assertThat(client.reply()).startsWith("{\"error\":\"Unknown message received\",\"tz\":");
        }

        client.socket.send("CLICK");
        assertThat(client.reply()).startsWith("{\"count\":1,");
    }

    @Test
    void sharesOneCounterBetweenConnectionsAndRepliesOnlyToTheSender() throws InterruptedException {
        Client first = Client.of(counter);
        Client second = Client.of(counter);

        first.socket.send("CLICK");
        assertThat(first.reply()).startsWith("{\"count\":1,");
        second.socket.send("CLICK");
        assertThat(second.reply()).startsWith("{\"count\":2,");
        assertThat(first.replies.poll(200, MILLISECONDS)).as("a reply to another connection").isNull();
    }

    @Test
    void writesTzInUtcWithExactlyThreeFractionDigits() throws InterruptedException {
        Clock withNanos = Clock.fixed(Instant.parse("2024-05-01T12:34:56.007890123Z"), ZoneOffset.UTC);
        Client client = Client.of(new ClickCounter(JsonMapper.builder().build(), withNanos));

        client.socket.send("CLICK");
        assertThat(client.reply()).isEqualTo("{\"count\":1,\"tz\":\"2024-05-01T12:34:56.007Z\"}");
    }

    @Test
    void answersACloseWithTheSameCodeAndReason() throws InterruptedException {
        Client client = Client.of(counter);
        BlockingQueue<CloseEvent> closes = new LinkedBlockingQueue<>();
        client.socket.addEventListener(CLOSE, closes::add);

        client.socket.close(4000, "bye");

        assertThat(closes.poll(5, SECONDS)).isEqualTo(new CloseEvent(4000, "bye", true));
    }

    /** The accepted client end of a pair whose server end the handler serves, and its replies. */
    private record Client(WebSocket socket, BlockingQueue<String> replies) {

        static Client of(ClickCounter handler) {
            var pair = new WebSocketPair();
            handler.serve(pair.server());
            Client client = new Client(pair.client(), new LinkedBlockingQueue<>());
            client.socket.addEventListener(MESSAGE, event -> client.replies.add(event.text()));
            client.socket.accept();
            return client;
        }

        String reply() throws InterruptedException {
            String reply = this.replies.poll(5, SECONDS);
            assertThat(reply).as("a reply within 5 s").isNotNull();
            return reply;
        }
    }
}
