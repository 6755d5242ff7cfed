package dev.wspair.objects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.storage.SqliteObjectStore;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A quick measurement, not a test: how many one-write events per second SQLite (WAL,
 * synchronous=FULL) sustains with commit grouping off ({@code maxBatchesPerCommit=1}) and on
 * (256). It sends 4,000 events to 100 objects at once and times until all are durable.
 * Run it with the test classpath: {@code java -cp ... dev.wspair.objects.GroupCommitMeasurement}.
 */
public final class GroupCommitMeasurement {

    /** Stores a value per call. */
    static final class Cell implements DurableObject {

        final DurableObjectState state;

        Cell(DurableObjectState state) {
            this.state = state;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            return ServerResponse.ok().build();
        }
    }

    private GroupCommitMeasurement() {
    }

    /**
     * Prints one line per setting.
     * @param args unused
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        for (int maxBatches : new int[] { 1, 256, 1, 256 }) {
            Path data = Files.createTempDirectory("wspair-measure");
            try (SqliteObjectStore store = SqliteObjectStore.open(data);
                    ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()),
                            ObjectSettings.builder().maxBatchesPerCommit(maxBatches).build())) {
                ObjectNamespace<Cell> cells = runtime.create("cells", Cell::new);
                int events = 4_000;
                long start = System.nanoTime();
                List<CompletableFuture<Integer>> done = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    int value = i;
                    done.add(cells.getByName("cell-" + (i % 100)).call(cell -> {
                        cell.state.storage().put("v" + value, value);
                        return value;
                    }).toFuture());
                }
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - start) / 1e9;
                ObjectStats stats = runtime.stats();
                System.out.printf("maxBatchesPerCommit=%d: %d events durable in %.2f s = %.0f events/s, %d transactions%n",
                        maxBatches, events, seconds, events / seconds, stats.commitTransactions());
            }
        }
    }
}
