package dev.wspair.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.testing.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Limits and bad input, each failing with Workers' text while the object keeps working: tags,
 * attachments, ids, sockets per object, auto-response sizes, keys and batch sizes.
 */
class LimitsTests {

    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private final List<ObjectNamespaces> runtimes = new ArrayList<>();

    private ObjectNamespace<Counter> probes(ObjectSettings settings) {
        ObjectNamespaces runtime = new ObjectNamespaces(this.store, new JsonValueCodec(JsonMapper.builder().build()), settings);
        this.runtimes.add(runtime);
        return runtime.create("probes", Counter::new);
    }

    @AfterEach
    void stop() {
        this.runtimes.forEach(ObjectNamespaces::close);
        this.store.close();
    }

    private static <R> R in(ObjectStub<Counter> stub, java.util.function.Function<Counter, R> code) {
        return stub.call(code).block(java.time.Duration.ofSeconds(10));
    }

    @Test
    void tagsAreLimitedToTenOfAtMost256Characters() {
        ObjectStub<Counter> stub = probes(ObjectSettings.defaults()).getByName("tags");
        WebSocket socket = new WebSocketPair().server();
        List<String> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "t" + i).toList();
        assertThatThrownBy(() -> in(stub, probe -> {
            probe.state().acceptWebSocket(socket, eleven);
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("a Hibernatable WebSocket cannot have more than 10 tags");

        List<String> tenAndADuplicate = new ArrayList<>(eleven.subList(0, 10));
        tenAndADuplicate.add("t1");
        assertThatThrownBy(() -> in(stub, probe -> {
            probe.state().acceptWebSocket(socket, tenAndADuplicate);
            return null;
        })).as("Workers' quirk: the count check runs for every entry").hasMessage("a Hibernatable WebSocket cannot have more than 10 tags");

        String long257 = "x".repeat(257);
        assertThatThrownBy(() -> in(stub, probe -> {
            probe.state().acceptWebSocket(socket, "ok", long257);
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("\"" + long257 + "\" is longer than the max tag length (256 characters).");

        List<String> tags = in(stub, probe -> {
            probe.state().acceptWebSocket(socket, "a", "a", "x".repeat(256));
            return probe.state().getTags(socket);
        });
        assertThat(tags).as("the rejected socket could still be accepted; duplicates dropped").containsExactly("a", "x".repeat(256));
        assertThat(in(stub, Counter::increment)).isEqualTo(1);
    }

    @Test
    void attachmentsAreLimitedTo16KiBOfJson() {
        ObjectStub<Counter> stub = probes(ObjectSettings.defaults()).getByName("attachments");
        WebSocket socket = new WebSocketPair().server();
        in(stub, probe -> {
            probe.state().acceptWebSocket(socket);
            return null;
        });
        String fits = "x".repeat(16_382);
        socket.serializeAttachment(fits);
        assertThatIllegalArgumentException().isThrownBy(() -> socket.serializeAttachment("x".repeat(16_383)))
            .withMessage("A WebSocket 'attachment' cannot be larger than 16384 bytes.'attachment' was 16385 bytes.");
        assertThat(socket.deserializeAttachment(String.class)).as("the previous attachment stays").isEqualTo(fits);
        assertThat(in(stub, Counter::increment)).isEqualTo(1);
    }

    @Test
    void badIdsAreRejected() {
        ObjectNamespace<Counter> probes = probes(ObjectSettings.defaults());
        ObjectId id = probes.idFromName("room");
        assertThat(probes.idFromString(id.toString())).isEqualTo(id);
        assertThat(probes.idFromString(id.toString()).name()).isNull();
        assertThat(id.name()).isEqualTo("room");
        assertThat(probes.idFromName("room")).isEqualTo(id);
        assertThat(probes.newUniqueId()).isNotEqualTo(probes.newUniqueId());

        for (String bad : List.of("xyz", "", id.toString().substring(1), id.toString() + "0", id.toString().toUpperCase(Locale.ROOT),
                "g" + id.toString().substring(1))) {
            assertThatIllegalArgumentException().isThrownBy(() -> probes.idFromString(bad))
                .withMessage("Invalid Durable Object ID: must be 64 hex digits");
        }
        String forged = id.toString().substring(0, 63) + (id.toString().endsWith("0") ? "1" : "0");
        assertThatIllegalArgumentException().isThrownBy(() -> probes.idFromString(forged))
            .withMessage("Durable Object ID is not valid for this namespace.");
        ObjectId other = ObjectId.fromName("other", "room");
        assertThatIllegalArgumentException().isThrownBy(() -> probes.get(other))
            .withMessage("Durable Object ID is not valid for this namespace.");
        assertThat(in(probes.get(id), Counter::increment)).isEqualTo(1);
    }

    @Test
    void aFullObjectRejectsMoreSocketsAndKeepsWorking() {
        ObjectStub<Counter> stub = probes(ObjectSettings.builder().maxWebSocketsPerObject(3).build()).getByName("full");
        assertThatIllegalStateException().isThrownBy(() -> in(stub, probe -> {
            for (int i = 0; i < 4; i++) {
                probe.state().acceptWebSocket(new WebSocketPair().server());
            }
            return null;
        })).withMessage("only 3 websockets can be accepted on a single Durable Object instance");
        int sockets = in(stub, probe -> probe.state().getWebSockets().size());
        assertThat(sockets).isEqualTo(3);
        assertThat(in(stub, Counter::increment)).isEqualTo(1);
    }

    @Test
    void theDefaultLimitIsWorkers32768Sockets() {
        ObjectStub<Counter> stub = probes(ObjectSettings.defaults()).getByName("crowded");
        assertThatIllegalStateException().isThrownBy(() -> in(stub, probe -> {
            for (int i = 0; i <= ObjectSettings.DEFAULT_MAX_WEB_SOCKETS; i++) {
                probe.state().acceptWebSocket(new WebSocketPair().server());
            }
            return null;
        })).withMessage("only 32768 websockets can be accepted on a single Durable Object instance");
        int sockets = in(stub, probe -> probe.state().getWebSockets().size());
        assertThat(sockets).isEqualTo(32_768);
    }

    @Test
    void socketStateErrorsHaveWorkersTexts() {
        ObjectStub<Counter> stub = probes(ObjectSettings.defaults()).getByName("states");
        var accepted = new WebSocketPair();
        accepted.server().accept();
        assertThatIllegalStateException().isThrownBy(() -> in(stub, probe -> {
            probe.state().acceptWebSocket(accepted.server());
            return null;
        })).withMessage("Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`");
        assertThatIllegalStateException().isThrownBy(() -> in(stub, probe -> probe.state().getTags(accepted.server())))
            .withMessage("only hibernatable websockets can have tags.");
        assertThatIllegalStateException().isThrownBy(() -> in(stub, probe -> probe.state().getTags(new WebSocketPair().server())))
            .withMessage("you must call 'acceptWebSocket()' before attempting to access the tags of a WebSocket.");
        var hibernated = new WebSocketPair();
        in(stub, probe -> {
            probe.state().acceptWebSocket(hibernated.server());
            return null;
        });
        assertThatIllegalStateException().isThrownBy(() -> hibernated.server().accept())
            .withMessage("Can't accept() WebSocket after enabling hibernation.");
        assertThat(in(stub, Counter::increment)).isEqualTo(1);
    }

    @Test
    void autoResponsesKeysAndBatchesHaveWorkersLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new WebSocketRequestResponsePair("x".repeat(2049), "ok"))
            .withMessage("Request cannot be larger than 2048 bytes. A request of size 2049 was provided.");
        assertThatIllegalArgumentException().isThrownBy(() -> new WebSocketRequestResponsePair("ok", "é".repeat(1025)))
            .withMessage("Response cannot be larger than 2048 bytes. A response of size 2050 was provided.");
        ObjectStub<Counter> stub = probes(ObjectSettings.defaults()).getByName("keys");
        assertThatIllegalArgumentException().isThrownBy(() -> in(stub, probe -> {
            probe.state().storage().put("k".repeat(2049), 1);
            return null;
        })).withMessage("Keys cannot be larger than 2048 bytes. A key of size 2049 was provided.");
        assertThatIllegalArgumentException().isThrownBy(() -> in(stub, probe -> probe.state().storage()
            .get(IntStream.range(0, 129).mapToObj(i -> "k" + i).toList(), Integer.class)))
            .withMessage("A batch storage call takes at most 128 keys, but got 129");
        assertThatIllegalArgumentException().isThrownBy(() -> in(stub, probe -> probe.state().storage().transaction(txn -> {
            txn.put("k".repeat(2049), 1);
            return null;
        }))).withMessage("Keys cannot be larger than 2048 bytes. A key of size 2049 was provided.");
        assertThatIllegalArgumentException().isThrownBy(() -> in(stub, probe -> probe.state().storage()
            .transaction(txn -> txn.get(IntStream.range(0, 129).mapToObj(i -> "k" + i).toList(), Integer.class))))
            .withMessage("A batch storage call takes at most 128 keys, but got 129");
        assertThat(in(stub, Counter::increment)).isEqualTo(1);
    }

    @Test
    void storageOutsideAnEventIsRefused() {
        ObjectStub<Counter> stub = probes(ObjectSettings.defaults()).getByName("escaped");
        DurableObjectStorage storage = in(stub, probe -> probe.state().storage());
        assertThatIllegalStateException().isThrownBy(() -> storage.put("k", 1))
            .withMessage("The storage of object probes:" + stub.id() + " was used outside one of its events; use it from the constructor, fetch, alarm or a webSocket handler");
    }
}
