package dev.wspair.benchmarks.harness;

import java.util.List;

import dev.wspair.benchmarks.server.Contender;

/**
 * A scenario whose contenders' server JVMs all run for the whole scenario, each prepared once,
 * then measured in short windows taken in turn, the order rotating every repetition (A B C,
 * B C A, C A B, …). Contenders measured seconds apart see the same machine: on a shared virtual
 * machine, whose host takes its CPUs away for milliseconds at a time, that is what makes a tail
 * latency comparable.
 *
 * @param <S> what {@link #prepare} leaves for the windows, for example the open connections
 */
abstract class InterleavedScenario<S> extends Scenario {

    InterleavedScenario(String id, String title, List<Contender> contenders) {
        super(id, title, contenders);
    }

    /**
     * Readies one contender's server (connections, warm-up) before the first window.
     * @param step the contender's server and the generator; records nothing
     * @return what the windows need
     */
    abstract S prepare(Step step) throws Exception;

    /**
     * Measures one window of one contender and records it under the step's repetition.
     * @param step the contender's server, the generator and the repetition
     * @param prepared what {@link #prepare} returned for this contender
     */
    abstract void measure(Step step, S prepared) throws Exception;
}
