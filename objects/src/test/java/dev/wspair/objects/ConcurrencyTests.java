package dev.wspair.objects;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.storage.SqliteObjectStore;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The input gate under load: 50 real WebSocket clients hammer one object over a real server, with
 * the SQLite store, and every increment is counted exactly once while no two events overlap.
 */
class ConcurrencyTests {

    private static final Logger logger = LoggerFactory.getLogger(ConcurrencyTests.class);

    private static final int CLIENTS = 50;

    private static final int INCREMENTS = 200;

    /** Counts increments in storage; records how many of its events ever ran at once. */
    static final class Counter implements DurableObject {

        private final DurableObjectState state;

        private final AtomicInteger inside;

        private final AtomicInteger mostInside;

        Counter(DurableObjectState state, AtomicInteger inside, AtomicInteger mostInside) {
            this.state = state;
            this.inside = inside;
            this.mostInside = mostInside;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            var pair = new WebSocketPair();
            this.state.acceptWebSocket(pair.server());
            return WebSocketResponse.of(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, MessageEvent message) {
            int now = this.inside.incrementAndGet();
            this.mostInside.accumulateAndGet(now, Math::max);
            try {
                Integer count = this.state.storage().get("count", Integer.class);
                int next = (count != null ? count : 0) + 1;
                Thread.yield();
                this.state.storage().put("count", next);
                ws.send("ok " + next);
            }
            finally {
                this.inside.decrementAndGet();
            }
        }
    }

    /** Grouping is on by default; {@code -Dwspair.test.maxBatchesPerCommit=1} turns it off to compare throughput. */
    private static ObjectSettings settings() {
        return ObjectSettings.builder().maxBatchesPerCommit(Integer.getInteger("wspair.test.maxBatchesPerCommit", 256)).build();
    }

    @Test
    void fiftyClientsIncrementOneObjectExactlyTenThousandTimesWithoutOverlap(@TempDir Path data) throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        long started = System.nanoTime();
        try (SqliteObjectStore store = SqliteObjectStore.open(data);
                ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()), settings())) {
            ObjectNamespace<Counter> counters = runtime.create("counters", state -> new Counter(state, inside, mostInside));
            try (TestServer server = TestServer.start(WebSocketSettings.defaults(),
                    RouterFunctions.route(path("/counter"), request -> counters.getByName("global").fetch(request)))) {
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                try {
                    List<Future<Integer>> replies = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        replies.add(clients.submit(() -> {
                            try (TextClient client = TextClient.connect(server.url("/counter"))) {
                                for (int i = 0; i < INCREMENTS; i++) {
                                    client.send("inc");
                                }
                                int received = 0;
                                while (received < INCREMENTS) {
                                    assertThat(client.next()).startsWith("ok ");
                                    received++;
                                }
                                return received;
                            }
                        }));
                    }
                    for (Future<Integer> reply : replies) {
                        assertThat(reply.get(120, TimeUnit.SECONDS)).isEqualTo(INCREMENTS);
                    }
                }
                finally {
                    clients.shutdownNow();
                }
            }
            Integer count = counters.getByName("global").call(counter -> counter.state.storage().get("count", Integer.class)).block();
            assertThat(count).isEqualTo(CLIENTS * INCREMENTS);
            assertThat(mostInside.get()).as("events of one object never overlap").isEqualTo(1);
            ObjectStats stats = runtime.stats();
            assertThat(stats.committedBatches()).isGreaterThanOrEqualTo(CLIENTS * INCREMENTS);
            logger.info("{} batches committed in {} SQLite transactions ({} per transaction) in {} ms", stats.committedBatches(), stats.commitTransactions(),
                    String.format("%.1f", (double) stats.committedBatches() / stats.commitTransactions()), (System.nanoTime() - started) / 1_000_000);
        }
        try (SqliteObjectStore reopened = SqliteObjectStore.open(data)) {
            byte[] stored = reopened.get("counters", ObjectId.fromName("counters", "global").toString(), "count");
            assertThat(stored).as("the count is in the database file").isNotNull();
            assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("10000");
        }
    }
}
