package dev.wspair.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything a run varies: repetitions, durations, load points and the server JVM's flags. The
 * {@linkplain #full full} run takes about an hour on two cores; the {@linkplain #smoke smoke}
 * run takes seconds, starts the contenders inside the generator's JVM and only proves every
 * scenario produces numbers.
 *
 * @param name {@code full} or {@code smoke}
 * @param repetitions runs of every contender in every scenario
 * @param firstWarmup warm-up before the first point of a server JVM (JIT)
 * @param warmup warm-up before each later point
 * @param measure measurement window of a point
 * @param latencyMeasure measurement window of a latency point, one per contender and rate in
 * each round
 * @param latencyRounds rounds of the latency scenario, whose windows take the contenders in turn:
 * many short windows, so that the host's pauses fall on every contender alike
 * @param inFlight messages outstanding per connection in closed loops
 * @param echoConnections connection counts of the echo throughput scenario
 * @param payloads payload sizes of the echo throughput scenario, in bytes
 * @param latencyConnections connections of the latency scenario
 * @param rates total message rates of the latency scenario, per second
 * @param memoryPoints idle connection counts of the memory scenario
 * @param fanOutPoints room sizes of the fan-out scenario without storage
 * @param storageFanOutPoints room sizes of the fan-out scenario with storage: filling the chat
 * sample's room costs one frame per pair of members (each join goes to every named member)
 * @param warmupBroadcasts broadcasts before measuring each room size
 * @param broadcasts measured broadcasts per room size
 * @param roomMembers members of the room throughput scenario
 * @param serverHeap {@code -Xms} and {@code -Xmx} of the servers
 * @param preTouch whether the servers pre-touch their heap
 * @param inProcess whether contenders run inside the generator's JVM (smoke run only)
 * @param pin whether to pin the server to CPU 0 and the generator to CPU 1
 * @param jfr where to write a flight recording per server JVM, or {@code null} for none
 * @param reportFile the Markdown report to update
 * @param resultsDirectory where the CSV results go
 */
public record RunConfig(String name, int repetitions, Duration firstWarmup, Duration warmup, Duration measure, Duration latencyMeasure, int latencyRounds, int inFlight,
        List<Integer> echoConnections, List<Integer> payloads, int latencyConnections, List<Integer> rates,
        List<Integer> memoryPoints, List<Integer> fanOutPoints, List<Integer> storageFanOutPoints, int warmupBroadcasts, int broadcasts, int roomMembers,
        String serverHeap, boolean preTouch, boolean inProcess, boolean pin, @Nullable Path jfr, Path reportFile, Path resultsDirectory) {

    /** The fewest rounds of the latency scenario in a full run. */
    public static final int MIN_LATENCY_ROUNDS = 10;

    /**
     * The full run, as reported in docs/benchmarks.md.
     * @param repetitions repetitions (at least 3 for the report); the latency scenario runs as many
     * rounds, and at least {@value #MIN_LATENCY_ROUNDS}
     * @param root the repository root
     * @param jfr where flight recordings go, or {@code null}
     * @return the configuration
     */
    public static RunConfig full(int repetitions, Path root, @Nullable Path jfr) {
        return new RunConfig("full", repetitions, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
                Math.max(MIN_LATENCY_ROUNDS, repetitions), 16,
                List.of(100, 1000), List.of(32, 1024), 1000, List.of(5_000, 20_000),
                List.of(1_000, 5_000, 10_000, 18_000), List.of(1_000, 5_000, 10_000, 18_000), List.of(1_000, 5_000, 10_000), 10, 20, 10,
                "1g", true, false, true, jfr, root.resolve("docs/benchmarks.md"), root.resolve("benchmarks/results"));
    }

    /**
     * The smoke run: tiny loads, one repetition, results under {@code directory}.
     * @param directory where the report and results go
     * @return the configuration
     */
    public static RunConfig smoke(Path directory) {
        return new RunConfig("smoke", 1, Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(300), 2, 4,
                List.of(4, 8), List.of(32, 1024), 8, List.of(200),
                List.of(10, 20), List.of(5, 10), List.of(5, 10), 1, 3, 4,
                "256m", false, true, false, null, directory.resolve("benchmarks.md"), directory.resolve("results"));
    }
}
