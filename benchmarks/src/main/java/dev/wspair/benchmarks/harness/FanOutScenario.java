package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.wspair.benchmarks.load.ClientConnection;
import dev.wspair.benchmarks.load.FanOut;
import dev.wspair.benchmarks.server.Contender;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Scenario 4: one room growing to each size; the first member publishes one 64 B message at a
 * time and every member (publisher included) records when it arrived. Per broadcast: first, p50,
 * p99 and last delivery; per point the median over the measured broadcasts. Run once with the
 * rooms without storage and once with the chat sample's room, which stores every message.
 */
final class FanOutScenario extends SteppedScenario {

    static final int PAYLOAD = 64;

    private static final Duration GAP = Duration.ofMillis(50);

    private static final long TIMEOUT_SECONDS = 10;

    private final Function<RunConfig, List<Integer>> points;

    private FanOutScenario(String id, String title, List<Contender> contenders, Function<RunConfig, List<Integer>> points) {
        super(id, title, contenders);
        this.points = points;
    }

    /** The rooms without storage: raw WebFlux against wspair. */
    static FanOutScenario storageOff() {
        return new FanOutScenario("4-fan-out", "4. Broadcast fan-out in one room (storage off)", List.of(Contender.WEBFLUX_ROOM, Contender.WSPAIR_ROOM),
                RunConfig::fanOutPoints);
    }

    /** The chat sample's room, in memory and in SQLite, next to the wspair room without storage. */
    static FanOutScenario storageOn() {
        return new FanOutScenario("4-fan-out-storage", "4. Broadcast fan-out in one room (storage on: the chat sample's room)",
                List.of(Contender.WSPAIR_ROOM, Contender.CHAT_ROOM_MEMORY, Contender.CHAT_ROOM), RunConfig::storageFanOutPoints);
    }

    @Override
    public Duration estimate(RunConfig config) {
        List<Integer> sizes = this.points.apply(config);
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        int broadcasts = (config.warmupBroadcasts() + config.broadcasts()) * sizes.size();
        return Duration.ofSeconds(5).plus(Duration.ofMillis(largest / 2)).plus(GAP.plusMillis(100).multipliedBy(broadcasts));
    }

    @Override
    public void run(Step step) throws Exception {
        List<ClientConnection> members = new ArrayList<>();
        for (int size : this.points.apply(step.config())) {
            members.addAll(step.joinRoom(size - members.size()));
            String point = size + " members";
            step.progress(point);
            FanOut fanOut = new FanOut(List.copyOf(members), PAYLOAD, step.protocol());
            step.client().run(fanOut::join);
            for (int i = 0; i < step.config().warmupBroadcasts(); i++) {
                broadcast(step, fanOut);
            }
            int measured = step.config().broadcasts();
            double[][] stats = new double[4][measured];
            int complete = 0;
            Window window = Window.open(step.server());
            for (int i = 0; i < measured; i++) {
                Histogram deliveries = broadcast(step, fanOut);
                if (deliveries != null) {
                    stats[0][complete] = deliveries.getMinValue() / 1e6;
                    stats[1][complete] = deliveries.getValueAtPercentile(50) / 1e6;
                    stats[2][complete] = deliveries.getValueAtPercentile(99) / 1e6;
                    stats[3][complete] = deliveries.getMaxValue() / 1e6;
                    complete++;
                }
            }
            window.close();
            String[] names = {"first ms", "p50 ms", "p99 ms", "last ms"};
            for (int s = 0; s < names.length; s++) {
                step.record(point, names[s], median(Arrays.copyOf(stats[s], complete)));
            }
            step.record(point, "incomplete broadcasts", measured - complete);
            step.record(point, "server CPU ms per broadcast", 1e3 * window.serverCpuSeconds() / measured);
            step.record(point, "server CPU µs per delivery", 1e6 * window.serverCpuSeconds() / ((double) measured * size));
            step.record(point, "server kernel share %", window.serverKernelPercent());
        }
    }

    /** One broadcast; the delivery latencies, or {@code null} if not every member got it in time. */
    private static @Nullable Histogram broadcast(Step step, FanOut fanOut) throws Exception {
        CompletableFuture<Histogram> done = step.client().call(fanOut::broadcast);
        try {
            Histogram deliveries = done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Step.sleep(GAP);
            return deliveries;
        }
        catch (TimeoutException ex) {
            step.progress("a broadcast reached " + step.client().call(fanOut::delivered) + " members within " + TIMEOUT_SECONDS + " s");
            return null;
        }
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
