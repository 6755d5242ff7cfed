package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.wspair.benchmarks.server.Contender;

/**
 * Scenario 3: idle connections added in steps; after each step the server collects twice and
 * reports heap in use and direct memory, and {@code /proc} its resident set. The slope of a
 * least-squares line through the points is the cost of one idle connection. Run once for the
 * echo servers and once for wspair's accepted against hibernated sockets, where the wait before
 * each measurement outlasts the object's idle timeout, so that its instance has been evicted.
 */
final class IdleMemory extends SteppedScenario {

    private final Duration settle;

    private IdleMemory(String id, String title, List<Contender> contenders, Duration settle) {
        super(id, title, contenders);
        this.settle = settle;
    }

    /** Raw Reactor Netty, raw WebFlux and wspair echo servers. */
    static IdleMemory echo() {
        return new IdleMemory("3-idle-memory", "3. Idle memory per connection", List.of(Contender.REACTOR_NETTY, Contender.WEBFLUX, Contender.WSPAIR),
                Duration.ofSeconds(1));
    }

    /** wspair sockets accepted with {@code accept()} against sockets a Durable Object accepted with {@code state.acceptWebSocket}. */
    static IdleMemory hibernation() {
        return new IdleMemory("6-hibernation-memory", "6. Idle memory: accepted against hibernated sockets", List.of(Contender.WSPAIR, Contender.WSPAIR_HIBERNATED),
                Duration.ofSeconds(2));
    }

    @Override
    public Duration estimate(RunConfig config) {
        int largest = config.memoryPoints().stream().mapToInt(Integer::intValue).max().orElse(0);
        return Duration.ofSeconds(5).plus(Duration.ofMillis(largest / 2)).plus(this.settle.plusSeconds(1).multipliedBy(config.memoryPoints().size()));
    }

    @Override
    public void run(Step step) throws Exception {
        int open = 0;
        List<double[]> heapAndDirect = new ArrayList<>();
        List<double[]> heap = new ArrayList<>();
        List<double[]> rss = new ArrayList<>();
        for (int count : step.config().memoryPoints()) {
            step.connect(step.contender().path(), count - open);
            open = count;
            Step.sleep(this.settle);
            Map<String, Double> memory = step.server().memory();
            double direct = memory.get("jdkDirect") + memory.get("nettyDirect");
            String point = count + " conn";
            step.progress(point);
            step.record(point, "heap MiB", memory.get("heap") / (1 << 20));
            step.record(point, "direct MiB", direct / (1 << 20));
            step.record(point, "RSS MiB", memory.get("rss") / (1 << 20));
            if (memory.containsKey("liveObjects")) {
                step.record(point, "live object instances", memory.get("liveObjects"));
            }
            heapAndDirect.add(new double[] {count, memory.get("heap") + direct});
            heap.add(new double[] {count, memory.get("heap")});
            rss.add(new double[] {count, memory.get("rss")});
        }
        step.record("slope", "heap+direct B/conn", slope(heapAndDirect));
        step.record("slope", "heap B/conn", slope(heap));
        step.record("slope", "RSS B/conn", slope(rss));
    }

    /** The least-squares slope of y over x. */
    static double slope(List<double[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxy += p[0] * p[1];
            sxx += p[0] * p[0];
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
