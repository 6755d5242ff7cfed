package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.List;

import dev.wspair.benchmarks.load.ClientConnection;
import dev.wspair.benchmarks.load.OpenLoopEcho;
import dev.wspair.benchmarks.server.Contender;
import org.HdrHistogram.Histogram;

/**
 * Scenario 2: open-loop echo at fixed total rates over one set of connections per contender, 32 B
 * messages; round-trip latency from the intended send time (p50, p99, p99.9, max) and the CPU time
 * the host took from this machine's virtual CPUs in the window (steal). Every contender's server
 * runs throughout, warmed up by a closed loop once, and each repetition measures one window per
 * contender and rate, the contenders in turn.
 */
final class EchoLatency extends InterleavedScenario<List<ClientConnection>> {

    static final int PAYLOAD = 32;

    private static final Duration RAMP = Duration.ofSeconds(1);

    private static final Duration DRAIN = Duration.ofMillis(500);

    EchoLatency() {
        super("2-echo-latency", "2. Echo latency at fixed rates, open loop (32 B, windows interleaved across contenders)",
                List.of(Contender.REACTOR_NETTY, Contender.WEBFLUX, Contender.WSPAIR));
    }

    @Override
    int repetitions(RunConfig config) {
        return config.latencyRounds();
    }

    @Override
    public Duration estimate(RunConfig config) {
        return RAMP.plus(config.latencyMeasure()).plus(DRAIN).multipliedBy(config.rates().size());
    }

    @Override
    List<ClientConnection> prepare(Step step) {
        return step.connectWarmedUp(step.config().latencyConnections(), PAYLOAD);
    }

    @Override
    void measure(Step step, List<ClientConnection> connections) {
        for (int rate : step.config().rates()) {
            String point = connections.size() + " conn, " + rate + " msg/s";
            OpenLoopEcho echo = new OpenLoopEcho(connections, rate, PAYLOAD);
            step.client().run(() -> echo.start(step.client()));
            Step.sleep(RAMP);
            long sentBefore = step.client().call(() -> {
                echo.record();
                return echo.sent();
            });
            Window window = Window.open(step.server());
            Step.sleep(step.config().latencyMeasure());
            long sentAfter = step.client().call(() -> {
                echo.stop();
                return echo.sent();
            });
            window.close();
            Step.sleep(DRAIN);
            long unanswered = step.client().call(echo::recordUnanswered);
            Histogram latencies = step.client().call(echo::histogram);
            step.record(point, "achieved msg/s", (sentAfter - sentBefore) / window.seconds());
            step.record(point, "p50 µs", latencies.getValueAtPercentile(50) / 1e3);
            step.record(point, "p99 µs", latencies.getValueAtPercentile(99) / 1e3);
            step.record(point, "p99.9 µs", latencies.getValueAtPercentile(99.9) / 1e3);
            step.record(point, "max µs", latencies.getMaxValue() / 1e3);
            step.record(point, "unanswered", unanswered);
            step.record(point, "server CPU %", 100 * window.serverCpuSeconds() / window.seconds());
            step.record(point, "generator CPU %", 100 * window.generatorCpuSeconds() / window.seconds());
            step.record(point, "steal ms", 1e3 * window.stealSeconds());
        }
    }
}
