package dev.wspair.sample.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames the room cannot use: invalid JSON, JSON that is no object, binary frames, and huge
 * frames. Each gets a one-line error frame (the original sends a JavaScript stack trace) or, over
 * the server's 1 MiB message limit, a close with 1009; the socket and the room keep working and the
 * other members get exactly the valid messages, in order.
 */
@ChatServerTest
@ExtendWith(NoLeaks.class)
class BadInputTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    private static final AtomicInteger ROOMS = new AtomicInteger();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private String room;

    @BeforeEach
    void roomOfItsOwn() {
        this.room = "bad-input-" + ROOMS.incrementAndGet();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"message\": | Invalid JSON: Unexpected end-of-input",
            "not json      | Invalid JSON: Unrecognized token 'not'",
            "{'message':1} | Invalid JSON: Unexpected character (''' (code 39))",
            "{} {}         | Invalid JSON: Trailing token",
            "``            | Invalid JSON: the frame is empty.",
            "[1,2]         | Invalid message: expected a JSON object such as {\"message\":\"hi\"}, got an array.",
            "\"hi\"        | Invalid message: expected a JSON object such as {\"message\":\"hi\"}, got a string.",
            "42            | Invalid message: expected a JSON object such as {\"message\":\"hi\"}, got a number.",
            "true          | Invalid message: expected a JSON object such as {\"message\":\"hi\"}, got a boolean.",
            "null          | Invalid message: expected a JSON object such as {\"message\":\"hi\"}, got null." })
    void unusableTextIsAnErrorAndTheSocketAndTheRoomKeepWorking(String frame, String error) throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann"); ChatClient bob = ChatClient.join(this.port, this.room, "bob")) {
            assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
            ann.send(frame);
            assertThat(errorText(ann.next())).startsWith(error).doesNotContain("\n").hasSizeLessThan(250);
            ann.say("after");
            String after = ann.next();
            assertThat(after).contains("\"message\":\"after\"");
            assertThat(bob.next()).isEqualTo(after);
            assertThat(bob.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void anUnusableFirstFrameLeavesTheMemberUnnamedAndItsQueueIntact() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann"); ChatClient bob = ChatClient.connect(this.port, this.room)) {
            bob.send("{\"name\":");
            assertThat(bob.next()).startsWith("{\"error\":\"Invalid JSON: ");
            bob.sendBinary(new byte[] { 1, 2, 3 });
            assertThat(bob.next()).isEqualTo("{\"error\":\"Binary frames are not supported: send JSON in a text frame.\"}");
            ann.say("while bob waits");
            String waited = ann.next();
            bob.send("{\"name\":\"bob\"}");
            assertThat(bob.next(4)).containsExactly("{\"joined\":\"ann\"}", waited, "{\"joined\":\"bob\"}", "{\"ready\":true}");
        }
    }

    @Test
    void binaryFramesAreAnErrorAndTheSocketKeepsWorking() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann")) {
            ann.sendBinary("{\"message\":\"as bytes\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(ann.next()).isEqualTo("{\"error\":\"Binary frames are not supported: send JSON in a text frame.\"}");
            ann.say("as text");
            assertThat(ann.next()).contains("\"message\":\"as text\"");
        }
    }

    @Test
    void hugeFramesUnderTheServerLimitGetAShortError() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann")) {
            ann.send("{\"message\":\"" + "x".repeat(500_000) + "\"}");
            assertThat(ann.next()).isEqualTo("{\"error\":\"Message too long.\"}");
            ann.send("{\"message\":\"" + "x".repeat(500_000));
            assertThat(errorText(ann.next())).startsWith("Invalid JSON: ").hasSizeLessThan(250);
            ann.send("[" + "1,".repeat(300_000) + "1]");
            assertThat(ann.next()).endsWith("got an array.\"}");
            ann.say("small again");
            assertThat(ann.next()).contains("\"message\":\"small again\"");
        }
    }

    /** Over the server's 1 MiB limit the connection is closed with 1009; the others are told and carry on. */
    @Test
    void aFrameOverTheServerLimitClosesThatSocketWith1009AndTheRoomCarriesOn() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann"); ChatClient huge = ChatClient.join(this.port, this.room, "huge")) {
            assertThat(ann.next()).isEqualTo("{\"joined\":\"huge\"}");
            huge.send("{\"message\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
            assertThat(huge.closed()).startsWith("1009 ");
            assertThat(ann.next()).isEqualTo("{\"quit\":\"huge\"}");
            ann.say("still open");
            assertThat(ann.next()).contains("\"message\":\"still open\"");
        }
    }

    @Test
    void afterEveryKindOfBadFrameTheOthersGetExactlyTheValidMessagesInOrder() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann"); ChatClient bob = ChatClient.join(this.port, this.room, "bob")) {
            assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
            List<String> valid = new ArrayList<>();
            String[] bad = { "{", "[]", "\"x\"", "{\"message\":\"" + "y".repeat(257) + "\"}" };
            for (int i = 0; i < bad.length; i++) {
                ann.send(bad[i]);
                assertThat(ann.next()).startsWith("{\"error\":");
                ann.sendBinary(new byte[] { (byte) i });
                assertThat(ann.next()).startsWith("{\"error\":");
                ann.say("valid " + i);
                valid.add(ann.next());
            }
            assertThat(bob.next(valid.size())).containsExactlyElementsOf(valid);
            assertThat(bob.drain(QUIET)).isEmpty();
            assertThat(ProtocolTest.timestamps(valid)).isSorted().doesNotHaveDuplicates();
        }
    }

    /** A raw client can send what browsers never do: a text frame split over continuation frames. */
    @Test
    void aFragmentedTextFrameIsOneMessage() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(this.port, "/api/room/" + this.room + "/websocket")) {
            raw.sendFrame(RawWebSocket.TEXT, false, "{\"name\":".getBytes(StandardCharsets.UTF_8));
            raw.sendFrame(RawWebSocket.CONTINUATION, true, "\"raw\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readFrame().text()).isEqualTo("{\"joined\":\"raw\"}");
            assertThat(raw.readFrame().text()).isEqualTo("{\"ready\":true}");
        }
    }

    /** The text of an {@code {"error": ...}} frame, which has no other key. */
    private static String errorText(String frame) {
        JsonNode error = JSON.readTree(frame);
        assertThat(error.propertyNames()).as("keys of %s", frame).containsExactly("error");
        return error.get("error").stringValue();
    }
}
