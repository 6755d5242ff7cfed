package dev.wspair.objects;

import java.nio.file.Path;

import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.storage.SqliteObjectStore;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The child JVM of {@link DurabilityTests}: sets an alarm, then writes from four threads to four
 * objects forever, printing {@code ack <thread> <n>} after each write's call completed (which is
 * after its commit). It never stops by itself; the test kills it with SIGKILL.
 */
public final class DurabilityChild {

    /** Stores what it is told; prints when its alarm fires (it must not, before the kill). */
    static final class Journal implements DurableObject {

        final DurableObjectState state;

        Journal(DurableObjectState state) {
            this.state = state;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            return ServerResponse.ok().build();
        }

        @Override
        public void alarm() {
            System.out.println("alarm-fired-in-child");
        }
    }

    private DurabilityChild() {
    }

    /**
     * Runs until killed.
     * @param args the data directory and the alarm time in epoch milliseconds
     */
    public static void main(String[] args) {
        SqliteObjectStore store = SqliteObjectStore.open(Path.of(args[0]));
        ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()), ObjectSettings.defaults());
        ObjectNamespace<Journal> journals = runtime.create("journals", Journal::new);
        long alarmAt = Long.parseLong(args[1]);
        journals.getByName("alarmed").call(journal -> {
            journal.state.storage().setAlarm(alarmAt);
            return alarmAt;
        }).block();
        System.out.println("alarm " + alarmAt);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            new Thread(() -> {
                ObjectStub<Journal> journal = journals.getByName("journal-" + thread);
                for (int n = 0; ; n++) {
                    int value = n;
                    journal.call(j -> {
                        j.state.storage().put("k" + value, value);
                        return value;
                    }).block();
                    System.out.println("ack " + thread + " " + value);
                }
            }, "writer-" + t).start();
        }
    }
}
