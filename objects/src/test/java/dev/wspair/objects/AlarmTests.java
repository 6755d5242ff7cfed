package dev.wspair.objects;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Alarms: they fire once, {@code getAlarm()} is null inside the handler, and a throwing handler is retried. */
class AlarmTests {

    /** Records each alarm run; throws on the first run when asked to. */
    static final class Timer implements DurableObject {

        final DurableObjectState state;

        final List<String> runs;

        Timer(DurableObjectState state, List<String> runs) {
            this.state = state;
            this.runs = runs;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            return ServerResponse.ok().build();
        }

        @Override
        public void alarm() {
            this.runs.add("alarm getAlarm=" + this.state.storage().getAlarm());
            Boolean failOnce = this.state.storage().get("failOnce", Boolean.class);
            if (Boolean.TRUE.equals(failOnce)) {
                this.state.storage().put("failOnce", false);
                throw new IllegalStateException("first run fails");
            }
        }
    }

    @Test
    void alarmFiresOnceAndIsClearedAfterwards() {
        List<String> runs = new CopyOnWriteArrayList<>();
        try (InMemoryObjectStore store = new InMemoryObjectStore();
                ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()), ObjectSettings.defaults())) {
            ObjectStub<Timer> timer = runtime.create("timers", state -> new Timer(state, runs)).getByName("t");
            long at = System.currentTimeMillis() + 100;
            Long set = timer.call(t -> {
                t.state.storage().setAlarm(at);
                return t.state.storage().getAlarm();
            }).block();
            assertThat(set).isEqualTo(at);
            await().atMost(10, TimeUnit.SECONDS).until(() -> runs.size() == 1);
            assertThat(runs).containsExactly("alarm getAlarm=null");
            Long after = timer.call(t -> t.state.storage().getAlarm()).block();
            assertThat(after).isNull();
        }
    }

    @Test
    void throwingAlarmIsRetriedWithBackoffUntilItSucceeds() {
        List<String> runs = new CopyOnWriteArrayList<>();
        try (InMemoryObjectStore store = new InMemoryObjectStore();
                ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()), ObjectSettings.defaults())) {
            ObjectStub<Timer> timer = runtime.create("timers", state -> new Timer(state, runs)).getByName("t");
            long at = System.currentTimeMillis();
            timer.call(t -> {
                t.state.storage().put("failOnce", true);
                t.state.storage().setAlarm(at);
                return null;
            }).block();
            await().atMost(10, TimeUnit.SECONDS).until(() -> runs.size() == 2);
            Long after = timer.call(t -> t.state.storage().getAlarm()).block();
            assertThat(after).as("a successful retry clears the alarm").isNull();
            assertThat(store.getAlarm("timers", ObjectId.fromName("timers", "t").toString())).isNull();
        }
    }
}
