package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.wspair.benchmarks.server.Contender;

/**
 * Scenario 3: idle connections added in steps; after each step the server collects twice and
 * reports heap in use and direct memory, and {@code /proc} its resident set. The slope of a
 * least-squares line through the points is the cost of one idle connection.
 */
final class IdleMemory implements Scenario {

    private static final Duration SETTLE = Duration.ofSeconds(1);

    @Override
    public String id() {
        return "3-idle-memory";
    }

    @Override
    public String title() {
        return "3. Idle memory per connection";
    }

    @Override
    public List<Contender> contenders() {
        return List.of(Contender.REACTOR_NETTY, Contender.WEBFLUX, Contender.WSPAIR);
    }

    @Override
    public Duration estimate(RunConfig config) {
        return Duration.ofSeconds(5).plus(Duration.ofMillis(config.maxConnections() / 2))
            .plus(SETTLE.plusSeconds(1).multipliedBy(config.memoryPoints().size()));
    }

    @Override
    public void run(Step step) throws Exception {
        int open = 0;
        List<double[]> heapAndDirect = new ArrayList<>();
        List<double[]> heap = new ArrayList<>();
        List<double[]> rss = new ArrayList<>();
        for (int count : step.config().memoryPoints()) {
            step.connect(Contender.ECHO_PATH, count - open);
            open = count;
            Step.sleep(SETTLE);
            Map<String, Double> memory = step.server().memory();
            double direct = memory.get("jdkDirect") + memory.get("nettyDirect");
            String point = count + " conn";
            step.progress(point);
            step.record(point, "heap MiB", memory.get("heap") / (1 << 20));
            step.record(point, "direct MiB", direct / (1 << 20));
            step.record(point, "RSS MiB", memory.get("rss") / (1 << 20));
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
