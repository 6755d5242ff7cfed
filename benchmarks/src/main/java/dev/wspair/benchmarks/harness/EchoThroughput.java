package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wspair.benchmarks.load.ClientConnection;
import dev.wspair.benchmarks.load.ClosedLoopEcho;
import dev.wspair.benchmarks.server.Contender;

/**
 * Scenario 1 (and the throughput half of 6): closed-loop echo at every connection count and
 * payload size, {@code inFlight} messages outstanding per connection; echoes per second and per
 * server CPU-second.
 */
final class EchoThroughput extends SteppedScenario {

    private final List<Integer> payloads;

    EchoThroughput(String id, String title, List<Contender> contenders, List<Integer> payloads) {
        super(id, title, contenders);
        this.payloads = payloads;
    }

    static EchoThroughput echo(RunConfig config) {
        return new EchoThroughput("1-echo-throughput", "1. Echo throughput, closed loop",
                List.of(Contender.REACTOR_NETTY, Contender.WEBFLUX, Contender.WSPAIR), config.payloads());
    }

    static EchoThroughput metrics(RunConfig config) {
        return new EchoThroughput("6-metrics-overhead", "6. Metrics overhead: wspair echo with and without a Micrometer observer",
                List.of(Contender.WSPAIR, Contender.WSPAIR_METRICS), config.payloads().subList(0, 1));
    }

    @Override
    public Duration estimate(RunConfig config) {
        int points = config.echoConnections().size() * this.payloads.size();
        return Duration.ofSeconds(4).plus(config.firstWarmup()).plus(config.warmup().multipliedBy(points - 1))
            .plus(config.measure().plus(Duration.ofMillis(500)).multipliedBy(points));
    }

    @Override
    public void run(Step step) {
        RunConfig config = step.config();
        List<ClientConnection> connections = new ArrayList<>();
        boolean first = true;
        for (int count : config.echoConnections()) {
            connections.addAll(step.connect(Contender.ECHO_PATH, count - connections.size()));
            for (int payload : this.payloads) {
                String point = count + " conn, " + payload + " B";
                step.progress(point);
                ClosedLoopEcho echo = new ClosedLoopEcho(payload, config.inFlight());
                step.client().run(() -> echo.start(connections));
                Step.sleep(first ? config.firstWarmup() : config.warmup());
                first = false;
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
