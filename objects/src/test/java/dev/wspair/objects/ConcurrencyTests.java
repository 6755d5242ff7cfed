package dev.wspair.objects;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.storage.SqliteObjectStore;
import dev.wspair.objects.testing.Counter;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.RouterFunctions;

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

    /** Grouping is on by default; {@code -Dwspair.test.maxBatchesPerCommit=1} turns it off to compare throughput. */
    private static ObjectSettings settings() {
        return ObjectSettings.builder().maxBatchesPerCommit(Integer.getInteger("wspair.test.maxBatchesPerCommit", 256)).build();
    }

    @Test
    void fiftyClientsIncrementOneObjectExactlyTenThousandTimesWithoutOverlap(@TempDir Path data) throws Exception {
        long started = System.nanoTime();
        try (SqliteObjectStore store = SqliteObjectStore.open(data);
                ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()), settings())) {
            ObjectNamespace<Counter> counters = runtime.create("counters", Counter::new);
            try (TestServer server = TestServer.start(WebSocketSettings.defaults(),
                    RouterFunctions.route(path("/counter"), request -> counters.getByName("global").fetch(request)))) {
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                try {
                    List<Future<List<Integer>>> replies = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        replies.add(clients.submit(() -> {
                            try (TextClient client = TextClient.connect(server.url("/counter"))) {
                                for (int i = 0; i < INCREMENTS; i++) {
                                    client.send("inc");
                                }
                                List<Integer> counts = new ArrayList<>();
                                while (counts.size() < INCREMENTS) {
                                    String reply = client.next();
                                    assertThat(reply).startsWith("ack inc #");
                                    counts.add(Integer.parseInt(reply.substring("ack inc #".length())));
                                }
                                return counts;
                            }
                        }));
                    }
                    List<Integer> counts = new ArrayList<>();
                    for (Future<List<Integer>> reply : replies) {
                        counts.addAll(reply.get(120, TimeUnit.SECONDS));
                    }
                    assertThat(counts.stream().sorted().toList()).as("every increment answered with its own count")
                        .isEqualTo(IntStream.rangeClosed(1, CLIENTS * INCREMENTS).boxed().toList());
                }
                finally {
                    clients.shutdownNow();
                }
            }
            Integer count = counters.getByName("global").call(Counter::count).block();
            assertThat(count).isEqualTo(CLIENTS * INCREMENTS);
            Integer mostInside = counters.getByName("global").call(Counter::mostConcurrentIncrements).block();
            assertThat(mostInside).as("events of one object never overlap").isEqualTo(1);
            ObjectStats stats = runtime.stats();
            assertThat(stats.committedBatches()).isGreaterThanOrEqualTo(CLIENTS * INCREMENTS);
            logger.info("{} batches committed in {} SQLite transactions ({} per transaction) in {} ms", stats.committedBatches(), stats.commitTransactions(),
                    String.format("%.1f", (double) stats.committedBatches() / stats.commitTransactions()), (System.nanoTime() - started) / 1_000_000);
        }
        try (SqliteObjectStore reopened = SqliteObjectStore.open(data)) {
            byte[] stored = reopened.get("counters", ObjectId.fromName("counters", "global").toString(), Counter.KEY);
            assertThat(stored).as("the count is in the database file").isNotNull();
            assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("10000");
        }
    }
}
