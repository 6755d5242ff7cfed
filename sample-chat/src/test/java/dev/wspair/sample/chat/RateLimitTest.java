package dev.wspair.sample.chat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limiter (Part B3) through real sockets, with the clock moved by hand instead of waiting:
 * an IP sends 4 frames freely, the 5th is accepted and starts a 5 s cooldown for its socket, frames
 * during the cooldown are rejected with the original's text and are not charged, a second socket
 * from the same IP has its own flag but shares the IP's budget, and the budget spans every room.
 */
@ControlledTimeChatTest
@ExtendWith(NoLeaks.class)
class RateLimitTest {

    static final String LIMITED = "{\"error\":\"Your IP is being rate-limited, please try again later.\"}";

    private static final AtomicInteger ROOMS = new AtomicInteger();

    @LocalServerPort
    private int port;

    @Autowired
    private TestClock clock;

    private String room;

    @BeforeEach
    void freshBudgetAndRoom() {
        this.clock.advance(Duration.ofMinutes(1));
        this.room = "rate-" + ROOMS.incrementAndGet();
    }

    @Test
    void theFifthFrameIsAcceptedAndStartsA5SecondCooldownDuringWhichFramesAreRejected() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann")) {
            for (int frame = 2; frame <= 5; frame++) {
                ann.say("frame " + frame);
                assertThat(ann.next()).as("frame %d", frame).contains("\"message\":\"frame " + frame + "\"");
            }
            ann.say("too soon");
            assertThat(ann.next()).isEqualTo(LIMITED);
            this.clock.advance(Duration.ofMillis(4999));
            ann.say("still too soon");
            assertThat(ann.next()).isEqualTo(LIMITED);
            this.clock.advance(Duration.ofMillis(1));
            ann.say("after the cooldown");
            assertThat(ann.next()).contains("\"message\":\"after the cooldown\"");
            ann.say("too soon again");
            assertThat(ann.next()).isEqualTo(LIMITED);
            // The rejected frames were not charged: one frame per 5 s keeps passing.
            this.clock.advance(Duration.ofSeconds(5));
            ann.say("sustained");
            assertThat(ann.next()).contains("\"message\":\"sustained\"");
        }
    }

    @Test
    void aRejectedFrameReachesNobody() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann")) {
            this.clock.advance(Duration.ofMinutes(1));
            try (ChatClient bob = ChatClient.join(this.port, this.room, "bob")) {
                assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
                for (int frame = 2; frame <= 4; frame++) {
                    ann.say("frame " + frame);
                    assertThat(bob.next()).isEqualTo(ann.next());
                }
                ann.say("frame 5");
                assertThat(bob.next()).isEqualTo(ann.next());
                ann.say("rejected");
                assertThat(ann.next()).isEqualTo(LIMITED);
                this.clock.advance(Duration.ofSeconds(5));
                ann.say("accepted");
                String accepted = ann.next();
                assertThat(accepted).contains("\"message\":\"accepted\"");
                assertThat(bob.next()).isEqualTo(accepted);
            }
        }
    }

    @Test
    void aSecondSocketFromTheSameIpHasItsOwnFlagButInheritsTheCooldown() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room, "ann")) {
            for (int frame = 2; frame <= 5; frame++) {
                ann.say("frame " + frame);
                ann.next();
            }
            try (ChatClient bob = ChatClient.join(this.port, this.room, "bob")) {
                assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
                bob.say("right after my name");
                assertThat(bob.next()).isEqualTo(LIMITED);
                this.clock.advance(Duration.ofSeconds(5));
                ann.say("ann's cooldown is over");
                assertThat(ann.next()).contains("ann's cooldown is over");
                bob.say("bob's is not: the IP owed 10 s when he joined");
                assertThat(bob.next()).contains("ann's cooldown is over");
                assertThat(bob.next()).isEqualTo(LIMITED);
                this.clock.advance(Duration.ofSeconds(5));
                bob.say("now it is");
                assertThat(bob.next()).contains("now it is");
            }
        }
    }

    @Test
    void theBudgetIsPerIpAcrossEveryRoom() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, this.room + "-a", "ann")) {
            for (int frame = 2; frame <= 5; frame++) {
                ann.say("frame " + frame);
                ann.next();
            }
            try (ChatClient carl = ChatClient.join(this.port, this.room + "-b", "carl");
                    RawWebSocket dave = RawWebSocket.openFrom("127.0.0.2", this.port, "/api/room/" + this.room + "-b/websocket")) {
                carl.say("same IP, other room");
                assertThat(carl.next()).isEqualTo(LIMITED);

                dave.sendText("{\"name\":\"dave\"}");
                assertThat(dave.readFrame().text()).isEqualTo("{\"joined\":\"carl\"}");
                assertThat(dave.readFrame().text()).isEqualTo("{\"joined\":\"dave\"}");
                assertThat(dave.readFrame().text()).isEqualTo("{\"ready\":true}");
                for (int frame = 2; frame <= 5; frame++) {
                    dave.sendText("{\"message\":\"dave " + frame + "\"}");
                    assertThat(dave.readFrame().text()).as("another IP's frame %d", frame).contains("\"message\":\"dave " + frame + "\"");
                }
                dave.sendText("{\"message\":\"dave 6\"}");
                assertThat(dave.readFrame().text()).isEqualTo(LIMITED);
            }
        }
    }
}
