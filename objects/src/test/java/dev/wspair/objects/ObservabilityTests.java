package dev.wspair.objects;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.storage.ObjectStorageException;
import dev.wspair.objects.storage.SqliteObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * What the runtime tells operators, over a real SQLite file: per-namespace counters and listings,
 * the time of every commit reported to observers, a commit that SQLite refuses counted with its
 * time, and the store's health check failing while SQLite refuses writes.
 */
class ObservabilityTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path data;

    /** An object that stores what it is told under the key it is told. */
    static final class Box implements DurableObject {

        private final DurableObjectState state;

        Box(DurableObjectState state) {
            this.state = state;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            return ServerResponse.notFound().build();
        }

        String put(String key) {
            this.state.storage().put(key, "value");
            return key;
        }
    }

    /** Records every commit it hears of. */
    static final class CommitRecorder implements ObjectObserver {

        final List<String> namespaces = new CopyOnWriteArrayList<>();

        final List<Integer> batches = new CopyOnWriteArrayList<>();

        final List<Long> nanos = new CopyOnWriteArrayList<>();

        @Override
        public void namespaceCreated(ObjectNamespace<?> namespace) {
            this.namespaces.add(namespace.name());
        }

        @Override
        public void committed(int batches, long nanos) {
            this.batches.add(batches);
            this.nanos.add(nanos);
        }
    }

    private ObjectNamespaces runtime(SqliteObjectStore store) {
        return new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()),
                ObjectSettings.builder().idleTimeout(Duration.ofHours(1)).build());
    }

    private void execute(SqliteObjectStore store, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.file()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void namespacesCountTheirObjectsEvictionsAndCommits() {
        try (SqliteObjectStore store = SqliteObjectStore.open(this.data); ObjectNamespaces runtime = runtime(store)) {
            ObjectNamespace<Box> early = runtime.create("early", Box::new);
            CommitRecorder recorder = new CommitRecorder();
            runtime.observe(recorder);
            ObjectNamespace<Box> boxes = runtime.create("boxes", Box::new);
            assertThat(recorder.namespaces).as("existing namespaces first, then new ones").containsExactly("early", "boxes");
            assertThat(runtime.namespaces()).containsExactly(boxes, early);

            for (String name : List.of("a", "b", "c")) {
                assertThat(boxes.getByName(name).call(box -> box.put("k")).block(TIMEOUT)).isEqualTo("k");
            }
            assertThat(recorder.batches.stream().mapToInt(Integer::intValue).sum()).as("one batch per event").isEqualTo(3);
            assertThat(recorder.nanos).allSatisfy(nanos -> assertThat(nanos).isPositive());
            assertThat(boxes.stats()).isEqualTo(new NamespaceStats(3, 0, 0, 0));
            assertThat(boxes.objects()).extracting(ObjectInfo::namespace, ObjectInfo::live, ObjectInfo::sockets)
                .containsOnly(tuple("boxes", true, 0))
                .hasSize(3);
            assertThat(boxes.objects()).extracting(info -> info.id().name()).containsExactlyInAnyOrderElementsOf(List.of("a", "b", "c"));

            await().atMost(TIMEOUT).untilAsserted(() -> {
                runtime.sweep(0);
                assertThat(boxes.stats().evictions()).isEqualTo(3);
            });
            assertThat(boxes.stats()).isEqualTo(new NamespaceStats(0, 0, 3, 0));
            assertThat(boxes.objects()).as("evicted objects without sockets or alarms are forgotten").isEmpty();
            assertThat(early.stats()).isEqualTo(new NamespaceStats(0, 0, 0, 0));
            assertThat(runtime.stats().evictions()).isEqualTo(3);
            assertThat(runtime.stats().lastCommitFailure()).isNull();
        }
    }

    @Test
    void aCommitSqliteRefusesIsCountedForItsNamespaceWithItsTime() throws Exception {
        try (SqliteObjectStore store = SqliteObjectStore.open(this.data); ObjectNamespaces runtime = runtime(store)) {
            ObjectNamespace<Box> boxes = runtime.create("boxes", Box::new);
            CommitRecorder recorder = new CommitRecorder();
            runtime.observe(recorder);
            execute(store, "CREATE TRIGGER refuse_poison BEFORE INSERT ON wspair_kv WHEN NEW.key = CAST('poison' AS BLOB) "
                    + "BEGIN SELECT RAISE(ABORT, 'no poison here'); END");

            assertThat(boxes.getByName("a").call(box -> box.put("fine")).block(TIMEOUT)).isEqualTo("fine");
            assertThatExceptionOfType(ObjectResetException.class).isThrownBy(() -> boxes.getByName("a").call(box -> box.put("poison")).block(TIMEOUT));

            await().atMost(TIMEOUT).until(() -> boxes.stats().commitFailures() == 1);
            assertThat(runtime.stats().commitFailures()).isEqualTo(1);
            assertThat(runtime.stats().lastCommitFailure()).isNotNull();
            assertThat(recorder.batches).as("only the commit that succeeded is timed").containsExactly(1);
            assertThat(boxes.getByName("a").call(box -> box.put("again")).block(TIMEOUT)).as("the object works again").isEqualTo("again");
            assertThat(boxes.stats().commitFailures()).isEqualTo(1);
        }
    }

    @Test
    void theStoreCheckFailsWhileSqliteRefusesWrites() throws Exception {
        try (SqliteObjectStore store = SqliteObjectStore.open(this.data)) {
            store.check();
            execute(store, "CREATE TRIGGER refuse_probe BEFORE INSERT ON wspair_health BEGIN SELECT RAISE(ABORT, 'disk is read-only'); END");
            assertThatExceptionOfType(ObjectStorageException.class).isThrownBy(store::check)
                .withMessageContaining("Writing to " + store.file() + " failed")
                .withMessageContaining("disk is read-only");
            execute(store, "DROP TRIGGER refuse_probe");
            store.check();
        }
    }
}
