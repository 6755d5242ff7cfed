package dev.wspair.benchmarks.harness;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A running contender, in its own JVM or (for the smoke run) in the generator's. */
interface Server extends AutoCloseable {

    /**
     * The port it listens on at 127.0.0.1.
     * @return the port
     */
    int port();

    /**
     * User plus system CPU seconds used so far ({@code NaN} without {@code /proc}).
     * @return seconds
     */
    double cpuSeconds();

    /**
     * System (kernel) CPU seconds used so far ({@code NaN} without {@code /proc}).
     * @return seconds
     */
    double systemCpuSeconds();

    /**
     * Memory after a full collection: {@code heap}, {@code jdkDirect}, {@code nettyDirect} and
     * {@code rss}, in bytes.
     * @return the values by name
     */
    Map<String, Double> memory() throws IOException, InterruptedException;

    @Override
    void close() throws InterruptedException;

    /** Parses a {@code STATS name=value …} line and adds the resident set size. */
    static Map<String, Double> parseStats(String line, double rss) {
        Map<String, Double> values = new HashMap<>();
        for (String field : line.substring("STATS ".length()).split(" ")) {
            String[] pair = field.split("=");
            values.put(pair[0], Double.parseDouble(pair[1]));
        }
        values.put("rss", rss);
        return values;
    }
}
