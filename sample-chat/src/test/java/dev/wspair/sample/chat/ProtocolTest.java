package dev.wspair.sample.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.storage.KeyRange;
import dev.wspair.objects.storage.ObjectStore;
import dev.wspair.objects.storage.ValueCodec;
import dev.wspair.testing.NoLeaks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room's WebSocket protocol (Part B2) with the JDK's client against the running application:
 * nothing before the name frame, the queued roster and history before {@code ready}, the joined,
 * quit and chat broadcasts with their exact bytes, the name and message limits, the history
 * replayed after a reconnect, and the stored keys. The clock ticks 5 s per read, so the rate
 * limiter never gets in the way here (it has {@link RateLimitTest}).
 */
@ChatServerTest
@ExtendWith(NoLeaks.class)
class ProtocolTest {

    private static final Pattern CHAT = Pattern.compile("\\{\"name\":\"(.*)\",\"message\":\"(.*)\",\"timestamp\":(\\d+)}");

    private static final Duration QUIET = Duration.ofMillis(300);

    private static final AtomicInteger ROOMS = new AtomicInteger();

    @LocalServerPort
    private int port;

    @Autowired
    private ObjectNamespace<ChatRoom> rooms;

    @Autowired
    private ObjectStore store;

    @Autowired
    private ValueCodec codec;

    private String room;

    @BeforeEach
    void roomOfItsOwn() {
        this.room = "protocol-" + ROOMS.incrementAndGet();
    }

    private ChatClient join(String name) throws Exception {
        return ChatClient.join(this.port, this.room, name);
    }

    @Test
    void nothingIsSentBeforeTheNameFrame() throws Exception {
        try (ChatClient ann = join("ann"); ChatClient silent = ChatClient.connect(this.port, this.room)) {
            ann.say("anyone?");
            assertThat(ann.next()).matches(CHAT);
            assertThat(silent.drain(QUIET)).as("frames before the name frame").isEmpty();
        }
    }

    @Test
    void aNewMemberGetsItsOwnJoinThenReady() throws Exception {
        try (ChatClient ann = ChatClient.connect(this.port, this.room)) {
            ann.send("{\"name\":\"ann\"}");
            assertThat(ann.next(2)).containsExactly("{\"joined\":\"ann\"}", "{\"ready\":true}");
            try (ChatClient bob = ChatClient.connect(this.port, this.room)) {
                bob.send("{\"name\":\"bob\"}");
                assertThat(bob.next(3)).containsExactly("{\"joined\":\"ann\"}", "{\"joined\":\"bob\"}", "{\"ready\":true}");
                assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
            }
        }
    }

    /**
     * The queue of a member that has not named itself: the roster and the history as of its
     * connection, then everything broadcast while it waited, then its own join and ready.
     */
    @Test
    void framesQueuedBeforeReadyArriveRosterThenHistoryThenWhatHappenedMeanwhile() throws Exception {
        try (ChatClient ann = join("ann")) {
            ann.say("one");
            String one = ann.next();
            ann.say("two");
            String two = ann.next();
            ChatClient bob = join("bob");
            assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
            try (ChatClient cid = ChatClient.connect(this.port, this.room)) {
                try (ChatClient dan = join("dan")) {
                    assertThat(ann.next()).isEqualTo("{\"joined\":\"dan\"}");
                    ann.say("three");
                    String three = ann.next();
                    assertThat(dan.next()).isEqualTo(three);
                    bob.close();
                    assertThat(ann.next()).isEqualTo("{\"quit\":\"bob\"}");

                    cid.send("{\"name\":\"cid\"}");
                    assertThat(cid.next(9)).containsExactly("{\"joined\":\"ann\"}", "{\"joined\":\"bob\"}", one, two,
                            "{\"joined\":\"dan\"}", three, "{\"quit\":\"bob\"}", "{\"joined\":\"cid\"}", "{\"ready\":true}");
                    assertThat(ann.next()).isEqualTo("{\"joined\":\"cid\"}");
                    assertThat(dan.next(2)).containsExactly("{\"quit\":\"bob\"}", "{\"joined\":\"cid\"}");
                }
            }
        }
    }

    @Test
    void aMessageIsBroadcastToEveryMemberIncludingTheSenderWithKeysInOrder() throws Exception {
        try (ChatClient ann = join("ann"); ChatClient bob = join("bob")) {
            assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
            ann.send("{\"message\":\"hi bob\",\"extra\":\"dropped\",\"name\":\"mallory\"}");
            String frame = ann.next();
            assertThat(frame).matches("\\{\"name\":\"ann\",\"message\":\"hi bob\",\"timestamp\":\\d{13}}");
            assertThat(bob.next()).isEqualTo(frame);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"message\":\"\"}                          | ``",
            "{}                                          | undefined",
            "{\"message\":null}                          | null",
            "{\"message\":42}                            | 42",
            "{\"message\":1.5e3}                         | 1500",
            "{\"message\":0.000001}                      | 0.000001",
            "{\"message\":1e21}                          | 1e+21",
            "{\"message\":false}                         | false",
            "{\"message\":[1,\"a\",null,[2,3]]}          | 1,a,,2,3",
            "{\"message\":{\"a\":1}}                     | [object Object]",
            "{\"message\":\"say \\\"hi\\\" </b> \\u0001 é\"} | say \\\"hi\\\" </b> \\u0001 é",
            "{\"message\":\"lone \\ud800 half\"}        | lone \\ud800 half" })
    void messagesAreTurnedIntoStringsAndWrittenAsJavaScriptWould(String sent, String written) throws Exception {
        try (ChatClient ann = join("ann")) {
            ann.send(sent);
            assertThat(ann.next()).matches("\\{\"name\":\"ann\",\"message\":\"" + Pattern.quote(written) + "\",\"timestamp\":\\d{13}}");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                     | anonymous",
            "{\"name\":\"\"}        | anonymous",
            "{\"name\":null}        | anonymous",
            "{\"name\":false}       | anonymous",
            "{\"name\":0}           | anonymous",
            "{\"name\":42}          | 42",
            "{\"name\":true}        | true",
            "{\"name\":[1,2]}       | 1,2",
            "{\"name\":{\"a\":1}}   | [object Object]" })
    void aMissingOrFalsyNameIsAnonymousAndOtherValuesBecomeStrings(String sent, String name) throws Exception {
        try (ChatClient member = ChatClient.connect(this.port, this.room)) {
            member.send(sent);
            assertThat(member.next(2)).containsExactly("{\"joined\":\"" + name + "\"}", "{\"ready\":true}");
        }
    }

    @Test
    void namesOfUpTo32CodeUnitsAreAccepted() throws Exception {
        String ascii = "n".repeat(32);
        String emoji = "\uD83D\uDE00".repeat(16);
        try (ChatClient a = join(ascii); ChatClient b = join(emoji)) {
            assertThat(b.drain(QUIET)).isEmpty();
            assertThat(a.next()).isEqualTo("{\"joined\":\"" + emoji + "\"}");
        }
    }

    /** Too long: an error and a close with 1009, and a quit for the others although they never saw a join. */
    @ParameterizedTest
    @CsvSource({ "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00" })
    void aNameLongerThan32CodeUnitsIsAnErrorAndAClose1009(String name) throws Exception {
        try (ChatClient ann = join("ann"); ChatClient tooLong = ChatClient.connect(this.port, this.room)) {
            tooLong.send("{\"name\":\"" + name + "\"}");
            assertThat(tooLong.next()).isEqualTo("{\"error\":\"Name too long.\"}");
            assertThat(tooLong.closed()).isEqualTo("1009 Name too long.");
            assertThat(tooLong.drain(QUIET)).as("no queued roster or history").isEmpty();
            assertThat(ann.next()).isEqualTo("{\"quit\":\"" + name + "\"}");
            ann.say("still here");
            assertThat(ann.next()).matches(CHAT);
        }
    }

    @Test
    void messagesOfUpTo256CodeUnitsAreBroadcastLongerOnesAreAnErrorAndStoreNothing() throws Exception {
        try (ChatClient ann = join("ann"); ChatClient bob = join("bob")) {
            assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
            int stored = storedMessages().size();

            ann.say("m".repeat(257));
            assertThat(ann.next()).isEqualTo("{\"error\":\"Message too long.\"}");
            ann.say("\uD83D\uDE00".repeat(129));
            assertThat(ann.next()).isEqualTo("{\"error\":\"Message too long.\"}");

            ann.say("m".repeat(256));
            String longest = ann.next();
            assertThat(longest).contains("\"message\":\"" + "m".repeat(256) + "\"");
            assertThat(bob.next()).as("bob gets no error and nothing else before it").isEqualTo(longest);
            assertThat(storedMessages()).hasSize(stored + 1).containsValue(longest);
        }
    }

    @Test
    void aLeavingMemberIsAnnouncedWhetherItClosesOrDrops() throws Exception {
        try (ChatClient ann = join("ann")) {
            ChatClient bob = join("bob");
            ChatClient cid = join("cid");
            assertThat(ann.next(2)).containsExactly("{\"joined\":\"bob\"}", "{\"joined\":\"cid\"}");
            bob.close();
            assertThat(ann.next()).isEqualTo("{\"quit\":\"bob\"}");
            cid.abort();
            assertThat(ann.next()).isEqualTo("{\"quit\":\"cid\"}");
            try (ChatClient dan = join("dan")) {
                assertThat(ann.next()).isEqualTo("{\"joined\":\"dan\"}");
                assertThat(dan.drain(QUIET)).isEmpty();
            }
        }
    }

    /**
     * History: stored under ISO timestamps, the newest 100 replayed in order to a new member, and
     * the same 100 again after a reconnect, for the page to de-duplicate by timestamp.
     */
    @Test
    void theLast100MessagesAreReplayedInOrderAndAgainAfterAReconnect() throws Exception {
        List<String> sent = new ArrayList<>();
        try (ChatClient ann = join("ann")) {
            for (int i = 0; i < 105; i++) {
                ann.say("message " + i);
                sent.add(ann.next());
            }
        }
        assertThat(timestamps(sent)).isSorted().doesNotHaveDuplicates();
        Map<String, String> stored = storedMessages();
        assertThat(stored.values()).containsExactlyElementsOf(sent);
        assertThat(stored.keySet()).containsExactlyElementsOf(timestamps(sent).stream().map(ms -> iso(ms)).toList());

        List<String> expected = sent.subList(5, 105);
        List<String> first;
        try (ChatClient bob = ChatClient.connect(this.port, this.room)) {
            bob.send("{\"name\":\"bob\"}");
            first = bob.untilReady();
        }
        assertThat(first).containsExactlyElementsOf(concat(expected, "{\"joined\":\"bob\"}", "{\"ready\":true}"));
        try (ChatClient again = ChatClient.connect(this.port, this.room)) {
            again.send("{\"name\":\"bob\"}");
            assertThat(again.untilReady()).isEqualTo(first);
        }
    }

    private Map<String, String> storedMessages() {
        String id = this.rooms.idFromName(this.room).toString();
        Map<String, String> stored = new LinkedHashMap<>();
        this.store.list("rooms", id, new KeyRange(null, null, null, null), false, 0)
            .forEach(entry -> stored.put(entry.getKey(), this.codec.decode(entry.getValue(), String.class)));
        return stored;
    }

    static List<Long> timestamps(List<String> frames) {
        return frames.stream().map(frame -> {
            Matcher matcher = CHAT.matcher(frame);
            assertThat(matcher.matches()).as("a chat frame: %s", frame).isTrue();
            return Long.parseLong(matcher.group(3));
        }).toList();
    }

    /** JavaScript's {@code new Date(ms).toISOString()}. */
    static String iso(long epochMillis) {
        String text = Instant.ofEpochMilli(epochMillis).toString();
        return (text.length() == 20) ? text.replace("Z", ".000Z") : text;
    }

    private static List<String> concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all;
    }
}
