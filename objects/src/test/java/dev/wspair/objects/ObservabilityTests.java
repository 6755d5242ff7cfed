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
import dev.wspair.objects.testing.Counter;
import tools.jackson.databind.json.JsonMapper;

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
            ObjectNamespace<Counter> early = runtime.create("early", Counter::new);
            CommitRecorder recorder = new CommitRecorder();
            runtime.observe(recorder);
            ObjectNamespace<Counter> counters = runtime.create("counters", Counter::new);
            assertThat(recorder.namespaces).as("existing namespaces first, then new ones").containsExactly("early", "counters");
            assertThat(runtime.namespaces()).containsExactly(counters, early);

            for (String name : List.of("a", "b", "c")) {
                assertThat(counters.getByName(name).call(Counter::increment).block(TIMEOUT)).isEqualTo(1);
            }
            assertThat(recorder.batches.stream().mapToInt(Integer::intValue).sum()).as("one batch per event").isEqualTo(3);
            assertThat(recorder.nanos).allSatisfy(nanos -> assertThat(nanos).isPositive());
            assertThat(counters.stats()).isEqualTo(new NamespaceStats(3, 0, 0, 0));
            assertThat(counters.objects()).extracting(ObjectInfo::namespace, ObjectInfo::live, ObjectInfo::sockets)
                .containsOnly(tuple("counters", true, 0))
                .hasSize(3);
            assertThat(counters.objects()).extracting(info -> info.id().name()).containsExactlyInAnyOrderElementsOf(List.of("a", "b", "c"));

            await().atMost(TIMEOUT).untilAsserted(() -> {
                runtime.sweep(0);
                assertThat(counters.stats().evictions()).isEqualTo(3);
            });
            assertThat(counters.stats()).isEqualTo(new NamespaceStats(0, 0, 3, 0));
            assertThat(counters.objects()).as("evicted objects without sockets or alarms are forgotten").isEmpty();
            assertThat(early.stats()).isEqualTo(new NamespaceStats(0, 0, 0, 0));
            assertThat(runtime.stats().evictions()).isEqualTo(3);
            assertThat(runtime.stats().lastCommitFailure()).isNull();
        }
    }

    @Test
    void aCommitSqliteRefusesIsCountedForItsNamespaceWithItsTime() throws Exception {
        try (SqliteObjectStore store = SqliteObjectStore.open(this.data); ObjectNamespaces runtime = runtime(store)) {
            ObjectNamespace<Counter> counters = runtime.create("counters", Counter::new);
            CommitRecorder recorder = new CommitRecorder();
            runtime.observe(recorder);
            execute(store, "CREATE TRIGGER refuse_two BEFORE INSERT ON wspair_kv WHEN NEW.key = CAST('count' AS BLOB) "
                    + "AND CAST(NEW.value AS TEXT) = '2' BEGIN SELECT RAISE(ABORT, 'no second increment'); END");

            assertThat(counters.getByName("a").call(Counter::increment).block(TIMEOUT)).isEqualTo(1);
            assertThatExceptionOfType(ObjectResetException.class).isThrownBy(() -> counters.getByName("a").call(Counter::increment).block(TIMEOUT));

            await().atMost(TIMEOUT).until(() -> counters.stats().commitFailures() == 1);
            assertThat(runtime.stats().commitFailures()).isEqualTo(1);
            assertThat(runtime.stats().lastCommitFailure()).isNotNull();
            assertThat(recorder.batches).as("only the commit that succeeded is timed").containsExactly(1);
            assertThat(counters.getByName("a").call(Counter::count).block(TIMEOUT)).as("the refused write was not applied").isEqualTo(1);
            execute(store, "DROP TRIGGER refuse_two");
            assertThat(counters.getByName("a").call(Counter::increment).block(TIMEOUT)).as("the object works again").isEqualTo(2);
            assertThat(counters.stats().commitFailures()).isEqualTo(1);
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
