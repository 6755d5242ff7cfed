package dev.wspair.sample.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.testing.NoLeaks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The room on the hibernation API: with no events for 300 ms its instance is evicted while every
 * member stays connected, and the next frame reconstructs it from the sockets' attachments and
 * storage, with the names, the rate-limit cooldowns and the timestamp floor intact. The clock is
 * fixed, so a timestamp above the last one can only come from the stored floor.
 */
@ControlledTimeChatTest
@ExtendWith(NoLeaks.class)
class HibernationTest {

    private static final AtomicInteger ROOMS = new AtomicInteger();

    @LocalServerPort
    private int port;

    @Autowired
    private TestClock clock;

    @Autowired
    private ObjectNamespaces namespaces;

    private String room;

    @BeforeEach
    void freshBudgetAndRoom() {
        this.clock.advance(Duration.ofMinutes(1));
        this.room = "hibernation-" + ROOMS.incrementAndGet();
    }

    private void awaitEviction() {
        long evictions = this.namespaces.stats().evictions();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.namespaces.stats().evictions() > evictions && this.namespaces.stats().liveInstances() == 0);
    }

    @Test
    void membersStayConnectedThroughAnEvictionAndTheRoomWakesWithTheirNamesAndHistory() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann"); ChatClient bob = ChatClient.join(this.port, this.room, "bob")) {
            assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
            ann.say("before");
            String before = ann.next();
            assertThat(bob.next()).isEqualTo(before);

            awaitEviction();
            bob.say("after");
            String after = bob.next();
            assertThat(after).startsWith("{\"name\":\"bob\",\"message\":\"after\",");
            assertThat(ann.next()).isEqualTo(after);
            assertThat(ProtocolTest.timestamps(List.of(before, after))).isSorted().doesNotHaveDuplicates();

            this.clock.advance(Duration.ofMinutes(1));
            try (ChatClient cid = ChatClient.connect(this.port, this.room)) {
                cid.send("{\"name\":\"cid\"}");
                assertThat(cid.next(6)).containsExactly("{\"joined\":\"ann\"}", "{\"joined\":\"bob\"}", before, after, "{\"joined\":\"cid\"}", "{\"ready\":true}");
            }
        }
    }

    @Test
    void theTimestampFloorComesFromStorageAfterAnEviction() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann")) {
            ann.say("first");
            long first = ProtocolTest.timestamps(List.of(ann.next())).get(0);
            assertThat(first).isEqualTo(this.clock.millis());
            ann.say("same instant");
            assertThat(ProtocolTest.timestamps(List.of(ann.next()))).containsExactly(first + 1);

            awaitEviction();
            ann.say("same instant, new instance");
            assertThat(ProtocolTest.timestamps(List.of(ann.next()))).containsExactly(first + 2);
        }
    }

    @Test
    void aCooldownSurvivesAnEviction() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann")) {
            for (int frame = 2; frame <= 5; frame++) {
                ann.say("frame " + frame);
                ann.next();
            }
            awaitEviction();
            ann.say("during the cooldown");
            assertThat(ann.next()).isEqualTo(RateLimitTest.LIMITED);
            this.clock.advance(Duration.ofSeconds(5));
            ann.say("after it");
            assertThat(ann.next()).contains("\"message\":\"after it\"");
        }
    }

    /**
     * The original loses the queue of a member that has not named itself when the room hibernates;
     * here it gets the roster and history as of the wake-up instead.
     */
    @Test
    void aMemberThatWaitsThroughAnEvictionGetsTheRosterAndHistoryOfTheWake() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann"); ChatClient cid = ChatClient.connect(this.port, this.room)) {
            ann.say("before cid named itself");
            String message = ann.next();
            this.clock.advance(Duration.ofMinutes(1));
            try (ChatClient dan = ChatClient.join(this.port, this.room, "dan")) {
                assertThat(ann.next()).isEqualTo("{\"joined\":\"dan\"}");
                awaitEviction();
                cid.send("{\"name\":\"cid\"}");
                assertThat(cid.next(5)).containsExactly("{\"joined\":\"ann\"}", "{\"joined\":\"dan\"}", message, "{\"joined\":\"cid\"}", "{\"ready\":true}");
                assertThat(dan.next()).isEqualTo("{\"joined\":\"cid\"}");
                assertThat(ann.next()).isEqualTo("{\"joined\":\"cid\"}");
            }
        }
    }
}
