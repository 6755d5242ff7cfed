package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import dev.wspair.benchmarks.load.ClientConnection;
import dev.wspair.benchmarks.load.ClosedLoopEcho;
import dev.wspair.benchmarks.server.Contender;

/**
 * Scenario 1 (and the throughput half of 6): closed-loop echo at every connection count and
 * payload size, {@code inFlight} messages outstanding per connection; echoes per second and per
 * server CPU-second. Every contender's server runs throughout with the most connections open,
 * warmed up once; each repetition measures one window per contender and point, the contenders in
 * turn, a point with fewer connections using the first of them.
 */
final class EchoThroughput extends InterleavedScenario<List<ClientConnection>> {

    private static final Duration DRAIN = Duration.ofMillis(500);

    private final List<Integer> payloads;

    EchoThroughput(String id, String title, List<Contender> contenders, List<Integer> payloads) {
        super(id, title, contenders);
        this.payloads = payloads;
    }

    static EchoThroughput echo(RunConfig config) {
        return new EchoThroughput("1-echo-throughput", "1. Echo throughput, closed loop (windows interleaved across contenders)",
                List.of(Contender.REACTOR_NETTY, Contender.WEBFLUX, Contender.WSPAIR), config.payloads());
    }

    static EchoThroughput metrics(RunConfig config) {
        return new EchoThroughput("6-metrics-overhead", "6. Metrics overhead: wspair echo with and without a Micrometer observer",
                List.of(Contender.WSPAIR, Contender.WSPAIR_METRICS), config.payloads().subList(0, 1));
    }

    @Override
    public Duration estimate(RunConfig config) {
        int points = config.echoConnections().size() * this.payloads.size();
        return config.warmup().plus(config.measure()).plus(DRAIN).multipliedBy(points);
    }

    @Override
    List<ClientConnection> prepare(Step step) {
        return step.connectWarmedUp(Collections.max(step.config().echoConnections()), this.payloads.get(0));
    }

    @Override
    void measure(Step step, List<ClientConnection> all) {
        RunConfig config = step.config();
        for (int count : config.echoConnections()) {
            List<ClientConnection> connections = all.subList(0, count);
            for (int payload : this.payloads) {
                String point = count + " conn, " + payload + " B";
                ClosedLoopEcho echo = new ClosedLoopEcho(payload, config.inFlight());
                step.client().run(() -> echo.start(connections));
                Step.sleep(config.warmup());
                long before = step.client().call(echo::received);
                Window window = Window.open(step.server());
                Step.sleep(config.measure());
                long after = step.client().call(echo::received);
                window.close();
                step.client().run(echo::stop);
                step.recordWindow(point, window, after - before, "echoes");
                step.drain(echo);
            }
        }
    }
}
