package dev.wspair.objects;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.storage.ObjectStore;
import dev.wspair.objects.storage.SqliteObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code state.storage()} through the runtime, on the SQLite and the in-memory store alike:
 * single and batch operations, every list option, transactions, and reads of writes that are not
 * durable yet.
 */
class StorageTests {

    /** A value stored as JSON. */
    record Message(String from, String text) {
    }

    /** Runs test code inside its events. */
    static final class Box implements DurableObject {

        final DurableObjectState state;

        Box(DurableObjectState state) {
            this.state = state;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            return ServerResponse.ok().build();
        }

        DurableObjectStorage storage() {
            return this.state.storage();
        }
    }

    @TempDir
    static Path data;

    private ObjectNamespaces runtime;

    private ObjectStore store;

    static Stream<String> stores() {
        return Stream.of("sqlite", "memory");
    }

    private ObjectStub<Box> box(String kind, Function<ObjectStore, ObjectStore> wrap) {
        ObjectStore base = kind.equals("sqlite") ? SqliteObjectStore.open(data.resolve(kind + System.nanoTime())) : new InMemoryObjectStore();
        this.store = wrap.apply(base);
        this.runtime = new ObjectNamespaces(this.store, new JsonValueCodec(JsonMapper.builder().build()), ObjectSettings.defaults());
        return this.runtime.create("boxes", Box::new).getByName("b");
    }

    @AfterEach
    void stop() {
        this.runtime.close();
        this.store.close();
    }

    private static <R> R in(ObjectStub<Box> box, Function<Box, R> code) {
        return box.call(code).block(java.time.Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void singleAndBatchOperations(String kind) {
        ObjectStub<Box> box = box(kind, Function.identity());
        in(box, b -> {
            b.storage().put("msg", new Message("ann", "hi"));
            b.storage().put(Map.of("a", 1, "b", 2, "c", 3));
            assertThat(b.storage().get("msg", Message.class)).as("an event reads its own writes").isEqualTo(new Message("ann", "hi"));
            return null;
        });
        in(box, b -> {
            assertThat(b.storage().get("msg", Message.class)).isEqualTo(new Message("ann", "hi"));
            assertThat(b.storage().get("msg")).isEqualTo(Map.of("from", "ann", "text", "hi"));
            assertThat(b.storage().get(List.of("c", "a", "missing"), Integer.class)).containsExactly(Map.entry("a", 1), Map.entry("c", 3));
            assertThat(b.storage().delete("a")).isTrue();
            assertThat(b.storage().delete("a")).isFalse();
            assertThat(b.storage().delete(List.of("b", "c", "missing"))).isEqualTo(2);
            assertThat(b.storage().get("b", Integer.class)).isNull();
            return null;
        });
        assertThat(in(box, b -> b.storage().list(Object.class)).keySet()).containsExactly("msg");
        in(box, b -> {
            b.storage().deleteAll();
            b.storage().put("after", true);
            return null;
        });
        Map<String, Boolean> afterDeleteAll = in(box, b -> b.storage().list(Boolean.class));
        assertThat(afterDeleteAll).containsExactly(Map.entry("after", true));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void listHonoursEveryOption(String kind) {
        ObjectStub<Box> box = box(kind, Function.identity());
        in(box, b -> {
            for (String key : List.of("a", "b", "ba", "bb", "bc", "c", "\uFFFD", "\uD83D\uDE00")) {
                b.storage().put(key, key);
            }
            return null;
        });
        in(box, b -> {
            b.storage().delete("bb");
            b.storage().put("bd", "bd");
            return null;
        });
        Function<ListOptions, List<String>> keys = options -> List.copyOf(in(box, b -> b.storage().list(options, String.class)).keySet());
        assertThat(keys.apply(ListOptions.all())).as("UTF-8 byte order puts U+FFFD before U+1F600")
            .containsExactly("a", "b", "ba", "bc", "bd", "c", "\uFFFD", "\uD83D\uDE00");
        assertThat(keys.apply(ListOptions.prefix("b"))).containsExactly("b", "ba", "bc", "bd");
        assertThat(keys.apply(ListOptions.all().start("b").end("c"))).containsExactly("b", "ba", "bc", "bd");
        assertThat(keys.apply(ListOptions.all().startAfter("b").end("bd"))).containsExactly("ba", "bc");
        assertThat(keys.apply(ListOptions.prefix("b").reverse().limit(2))).containsExactly("bd", "bc");
        assertThat(keys.apply(ListOptions.all().start("ba").end("c").reverse())).as("reverse keeps start and end").containsExactly("bd", "bc", "ba");
        assertThat(keys.apply(ListOptions.all().limit(3))).containsExactly("a", "b", "ba");
        assertThat(keys.apply(ListOptions.prefix("z"))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void transactionsCommitRollBackAndDiscardOnException(String kind) {
        ObjectStub<Box> box = box(kind, Function.identity());
        in(box, b -> b.storage().transaction(txn -> {
            txn.put("x", 1);
            assertThat(txn.get("x", Integer.class)).isEqualTo(1);
            assertThat(b.storage().get("x", Integer.class)).as("outside the transaction nothing is visible yet").isNull();
            return null;
        }));
        in(box, b -> b.storage().transaction(txn -> {
            txn.put("x", 2);
            txn.put("y", 2);
            assertThat(txn.list(ListOptions.all(), Integer.class)).containsExactly(Map.entry("x", 2), Map.entry("y", 2));
            txn.rollback();
            assertThatIllegalStateException().isThrownBy(() -> txn.get("x", Integer.class)).withMessage("This transaction was rolled back");
            return null;
        }));
        assertThatThrownBy(() -> in(box, b -> b.storage().transaction(txn -> {
            txn.deleteAll();
            throw new IllegalStateException("changed my mind");
        }))).hasMessage("changed my mind");
        Map<String, Integer> kept = in(box, b -> b.storage().list(Integer.class));
        assertThat(kept).containsExactly(Map.entry("x", 1));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void transactionsReadTheirOwnWritesOverTheStorageInEveryCall(String kind) {
        ObjectStub<Box> box = box(kind, Function.identity());
        long alarm = 4_000_000_000_000L;
        in(box, b -> {
            b.storage().put(Map.of("a", 1, "b", 2, "c", 3, "d", 4));
            b.storage().setAlarm(alarm);
            return null;
        });
        in(box, b -> b.storage().transaction(txn -> {
            assertThat(txn.delete("b")).isTrue();
            assertThat(txn.delete("b")).as("deleted in the transaction").isFalse();
            assertThat(txn.delete("missing")).isFalse();
            txn.put("e", 5);
            assertThat(txn.get(List.of("e", "b", "a"), Integer.class)).containsExactly(Map.entry("a", 1), Map.entry("e", 5));
            assertThat(txn.list(ListOptions.all().limit(3), Integer.class)).containsExactly(Map.entry("a", 1), Map.entry("c", 3), Map.entry("d", 4));
            assertThat(txn.list(ListOptions.all().reverse().limit(2), Integer.class)).containsExactly(Map.entry("e", 5), Map.entry("d", 4));
            assertThat(txn.getAlarm()).isEqualTo(alarm);
            txn.deleteAlarm();
            assertThat(txn.getAlarm()).isNull();
            assertThat(b.storage().getAlarm()).as("outside the transaction").isEqualTo(alarm);
            txn.setAlarm(alarm + 1);
            assertThat(txn.getAlarm()).isEqualTo(alarm + 1);
            return null;
        }));
        in(box, b -> {
            assertThat(b.storage().list(Integer.class)).containsExactly(Map.entry("a", 1), Map.entry("c", 3), Map.entry("d", 4), Map.entry("e", 5));
            assertThat(b.storage().getAlarm()).isEqualTo(alarm + 1);
            return null;
        });
        in(box, b -> b.storage().transaction(txn -> {
            txn.deleteAll();
            txn.put("z", 26);
            assertThat(txn.get("a", Integer.class)).isNull();
            assertThat(txn.get(List.of("a", "z"), Integer.class)).containsExactly(Map.entry("z", 26));
            assertThat(txn.list(ListOptions.all(), Integer.class)).containsExactly(Map.entry("z", 26));
            assertThat(txn.getAlarm()).as("deleteAll keeps the alarm").isEqualTo(alarm + 1);
            txn.rollback();
            return null;
        }));
        Map<String, Integer> afterRollback = in(box, b -> b.storage().list(Integer.class));
        assertThat(afterRollback).containsOnlyKeys("a", "c", "d", "e");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void laterEventsReadWritesThatAreNotDurableYet(String kind) throws Exception {
        ControlledStore[] controlled = new ControlledStore[1];
        ObjectStub<Box> box = box(kind, base -> controlled[0] = new ControlledStore(base));
        in(box, b -> {
            b.storage().put("k1", 1);
            b.storage().put("k2", 2);
            return null;
        });
        controlled[0].hold();
        CompletableFuture<String> write = box.call(b -> {
            b.storage().delete("k1");
            b.storage().put("k3", 3);
            b.storage().setAlarm(4_000_000_000_000L);
            return "written";
        }).toFuture();
        assertThat(controlled[0].awaitCommitEntered()).isTrue();
        CompletableFuture<Map<String, Integer>> read = box.call(b -> {
            assertThat(b.storage().getAlarm()).isEqualTo(4_000_000_000_000L);
            return b.storage().list(ListOptions.all().limit(2), Integer.class);
        }).toFuture();
        assertThat(write).isNotDone();
        controlled[0].open();
        assertThat(read.get(10, TimeUnit.SECONDS)).containsExactly(Map.entry("k2", 2), Map.entry("k3", 3));
        assertThat(write.get(10, TimeUnit.SECONDS)).isEqualTo("written");
        Long alarm = in(box, b -> b.storage().getAlarm());
        assertThat(alarm).isEqualTo(4_000_000_000_000L);
    }
}
