package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.List;

import dev.wspair.benchmarks.server.Contender;

/**
 * A benchmark scenario: which contenders it compares, how many repetitions it runs and how long
 * each takes. {@link SteppedScenario} and {@link InterleavedScenario} say how it drives the
 * contenders' server JVMs.
 */
abstract class Scenario {

    private final String id;

    private final String title;

    private final List<Contender> contenders;

    /**
     * Names the scenario.
     * @param id a short id used in the results, for example {@code 1-echo-throughput}
     * @param title the heading in the report
     * @param contenders the contenders compared, in the order they run in the first repetition
     */
    Scenario(String id, String title, List<Contender> contenders) {
        this.id = id;
        this.title = title;
        this.contenders = List.copyOf(contenders);
    }

    final String id() {
        return this.id;
    }

    final String title() {
        return this.title;
    }

    final List<Contender> contenders() {
        return this.contenders;
    }

    /**
     * How many times each contender is measured.
     * @param config the run
     * @return the run's repetitions, unless the scenario needs more
     */
    int repetitions(RunConfig config) {
        return config.repetitions();
    }

    /**
     * About how long one contender's part of one repetition takes, for the ETA.
     * @param config the run
     * @return the estimate
     */
    abstract Duration estimate(RunConfig config);
}
