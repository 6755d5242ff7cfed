package dev.wspair.sample.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member that stops reading while the room is busy: its frames pile up, wspair's bounded
 * outbound queue overflows and the member is closed with 1008, the room announces its quit, and
 * the members that read keep receiving every broadcast, in order. The queue has its default limits
 * (1024 frames or 1 MiB, enough for the bursts a group commit releases to a member that reads);
 * the server's socket send buffers are made small so that a stalled reader fills them, and then the
 * queue, within a few thousand messages rather than megabytes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "wspair.objects.store=memory", "wspair.close-timeout=30s" })
@Import({ TestClock.Ticking.class, SlowMemberTest.SmallSendBuffers.class })
@ExtendWith(NoLeaks.class)
class SlowMemberTest {

    private static final String ROOM = "slow";

    private static final int MESSAGES = 4000;

    /** The sender waits for its own echo every this many messages, as a chat's readers bound a real sender. */
    private static final int WINDOW = 200;

    private static final String QUIT = "{\"quit\":\"slow\"}";

    @LocalServerPort
    private int port;

    @Test
    void aMemberThatStopsReadingIsDroppedWith1008AndTheOthersGetEveryMessageInOrder() throws Exception {
        try (ChatClient ann = ChatClient.join(this.port, ROOM, "ann");
                ChatClient bob = ChatClient.join(this.port, ROOM, "bob");
                RawWebSocket slow = RawWebSocket.open(this.port, "/api/room/" + ROOM + "/websocket")) {
            assertThat(ann.next()).isEqualTo("{\"joined\":\"bob\"}");
            slow.sendText("{\"name\":\"slow\"}");
            while (!slow.readFrame().text().equals("{\"ready\":true}")) {
                // the roster until ready; from now on the slow member reads nothing
            }
            assertThat(ann.next()).isEqualTo("{\"joined\":\"slow\"}");
            assertThat(bob.next()).isEqualTo("{\"joined\":\"slow\"}");

            String padding = "\u00e9".repeat(240);
            List<String> toAnn = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                ann.say(i + " " + padding);
                if (i % WINDOW == WINDOW - 1) {
                    readUntilEchoed(ann, toAnn, i);
                }
            }
            readUntilEchoed(ann, toAnn, MESSAGES - 1);
            if (!toAnn.contains(QUIT)) {
                toAnn.add(ann.next());
            }
            List<String> toBob = bob.next(MESSAGES + 1);

            assertThat(toAnn).containsOnlyOnce(QUIT);
            assertThat(toBob).isEqualTo(toAnn);
            List<String> messages = new ArrayList<>(toBob);
            messages.remove(QUIT);
            assertThat(messages).hasSize(MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(messages.get(i)).as("message %d", i).startsWith("{\"name\":\"ann\",\"message\":\"" + i + " " + padding + "\",");
            }
            assertThat(ProtocolTest.timestamps(messages)).isSorted().doesNotHaveDuplicates();

            RawWebSocket.Frame close = slow.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.closeReason()).startsWith("Outbound queue full");
            assertThat(ann.drain(Duration.ofMillis(300))).isEmpty();
        }
    }

    /** Reads frames until the echo of the given message. */
    private static void readUntilEchoed(ChatClient member, List<String> received, int message) throws InterruptedException {
        String echo = "{\"name\":\"ann\",\"message\":\"" + message + " ";
        while (received.isEmpty() || !received.get(received.size() - 1).startsWith(echo)) {
            received.add(member.next());
        }
    }

    /**
     * A fixed socket send buffer of 128 KiB (Linux doubles it to 256 KiB), where it would otherwise
     * grow to 4 MiB: still more than two loopback segments, so readers get full speed, but a reader
     * that stalls fills it quickly.
     */
    static final class SmallSendBuffers {

        @Bean
        NettyServerCustomizer smallSendBuffers() {
            return server -> server.childOption(ChannelOption.SO_SNDBUF, 128 * 1024);
        }
    }
}
