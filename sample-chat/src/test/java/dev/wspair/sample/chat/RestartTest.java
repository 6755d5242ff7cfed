package dev.wspair.sample.chat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.storage.KeyRange;
import dev.wspair.objects.storage.ObjectStore;
import dev.wspair.testing.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application stopped and started again on the same data directory (SQLite, as it runs by
 * default): a new member receives the same last 100 messages, and new timestamps stay above the
 * stored ones although the restarted application's clock is an hour behind them. The original
 * keeps the floor in memory only and would start again from the clock.
 */
@ExtendWith(NoLeaks.class)
class RestartTest {

    private static final String ROOM = "restart";

    @TempDir
    private Path data;

    private ConfigurableApplicationContext start(Clock clock) {
        return new SpringApplicationBuilder(ChatApplication.class)
            .initializers(context -> ((GenericApplicationContext) context).registerBean(Clock.class, () -> clock))
            .run("--server.port=0", "--spring.main.banner-mode=off", "--wspair.objects.data-directory=" + this.data);
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Test
    void historyAndTheTimestampFloorSurviveARestart() throws Exception {
        List<String> sent = new ArrayList<>();
        try (ConfigurableApplicationContext first = start(TestClock.ticking(Duration.ofSeconds(5)));
                ChatClient ann = ChatClient.join(port(first), ROOM, "ann")) {
            for (int i = 0; i < 120; i++) {
                ann.say("before the restart " + i);
                sent.add(ann.next());
            }
        }
        assertThat(this.data.resolve("wspair-objects.db")).isRegularFile();
        long last = ProtocolTest.timestamps(sent).get(119);

        TestClock behind = TestClock.ticking(Duration.ofSeconds(5));
        behind.set(TestClock.START.minus(Duration.ofHours(1)));
        try (ConfigurableApplicationContext second = start(behind);
                ChatClient bob = ChatClient.connect(port(second), ROOM)) {
            bob.send("{\"name\":\"bob\"}");
            List<String> replay = bob.untilReady();
            assertThat(replay.subList(0, 100)).containsExactlyElementsOf(sent.subList(20, 120));
            assertThat(replay.subList(100, replay.size())).containsExactly("{\"joined\":\"bob\"}", "{\"ready\":true}");

            bob.say("after the restart");
            String after = bob.next();
            assertThat(ProtocolTest.timestamps(List.of(after))).containsExactly(last + 1);
            bob.say("and again");
            assertThat(ProtocolTest.timestamps(List.of(bob.next()))).containsExactly(last + 2);

            List<String> keys = storedKeys(second);
            assertThat(keys).hasSize(122).isSorted().doesNotHaveDuplicates();
            assertThat(keys.get(121)).isEqualTo(ProtocolTest.iso(last + 2));
        }
    }

    private static List<String> storedKeys(ConfigurableApplicationContext context) {
        ObjectNamespace<ChatRoom> rooms = context.<ObjectNamespace<ChatRoom>>getBeanProvider(
                ResolvableType.forClassWithGenerics(ObjectNamespace.class, ChatRoom.class)).getObject();
        return context.getBean(ObjectStore.class)
            .list("rooms", rooms.idFromName(ROOM).toString(), new KeyRange(null, null, null, null), false, 0)
            .stream()
            .map(entry -> entry.getKey())
            .toList();
    }
}
