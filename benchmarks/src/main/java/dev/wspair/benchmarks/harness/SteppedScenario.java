package dev.wspair.benchmarks.harness;

import java.util.List;

import dev.wspair.benchmarks.server.Contender;

/**
 * A scenario that starts a fresh server JVM for every contender in every repetition, drives it
 * and stops it: each measurement starts from a cold server, as memory and fan-out need.
 */
abstract class SteppedScenario extends Scenario {

    SteppedScenario(String id, String title, List<Contender> contenders) {
        super(id, title, contenders);
    }

    /**
     * Drives one server JVM and records what it measured.
     * @param step the step
     */
    abstract void run(Step step) throws Exception;
}
