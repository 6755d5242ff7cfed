package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.List;

import dev.wspair.benchmarks.server.Contender;

/** A benchmark scenario: which contenders it compares and how it drives one server JVM. */
interface Scenario {

    /**
     * A short id used in the results, for example {@code 1-echo-throughput}.
     * @return the id
     */
    String id();

    /**
     * The heading in the report.
     * @return the title
     */
    String title();

    /**
     * The contenders compared, in the order they run in each repetition.
     * @return the contenders
     */
    List<Contender> contenders();

    /**
     * About how long one step takes, for the ETA.
     * @param config the run
     * @return the estimate
     */
    Duration estimate(RunConfig config);

    /**
     * Drives one server JVM and records what it measured.
     * @param step the step
     */
    void run(Step step) throws Exception;
}
