package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.wspair.benchmarks.load.ClientConnection;
import dev.wspair.benchmarks.load.ClosedLoopEcho;
import dev.wspair.benchmarks.load.LoadClient;
import dev.wspair.benchmarks.server.Contender;

/**
 * One contender's server JVM in one repetition of one scenario: what the scenario needs to drive
 * it and record what it measured.
 */
final class Step {

    private final Scenario scenario;

    private final Contender contender;

    private final int repetition;

    private final RunConfig config;

    private final Server server;

    private final LoadClient client;

    private final Consumer<String> progress;

    private final List<Measurement> measurements = new ArrayList<>();

    Step(Scenario scenario, Contender contender, int repetition, RunConfig config, Server server, LoadClient client,
            Consumer<String> progress) {
        this.scenario = scenario;
        this.contender = contender;
        this.repetition = repetition;
        this.config = config;
        this.server = server;
        this.client = client;
        this.progress = progress;
    }

    RunConfig config() {
        return this.config;
    }

    Server server() {
        return this.server;
    }

    LoadClient client() {
        return this.client;
    }

    Contender contender() {
        return this.contender;
    }

    /** Prints a progress detail under the step's line. */
    void progress(String detail) {
        this.progress.accept(detail);
    }

    /** Records a value at a point. */
    void record(String point, String metric, double value) {
        this.measurements.add(new Measurement(this.scenario.id(), point, this.contender.id(), this.repetition, metric, value));
    }

    /** Records what a measurement window saw: the server's CPU, the generator's share of its core. */
    void recordWindow(String point, Window window, double operations, String unit) {
        record(point, unit + "/s", operations / window.seconds());
        record(point, unit + " per server CPU-s", operations / window.serverCpuSeconds());
        record(point, "server CPU %", 100 * window.serverCpuSeconds() / window.seconds());
        record(point, "server kernel share %", window.serverKernelPercent());
        record(point, "generator CPU %", 100 * window.generatorCpuSeconds() / window.seconds());
    }

    /**
     * Opens more connections to the server, printing progress every 1,000.
     * @param path the WebSocket path
     * @param count how many
     * @return the new connections
     */
    List<ClientConnection> connect(String path, int count) {
        return this.client.connect(this.server.port(), path, count, opened -> progress("connected " + opened + "/" + count));
    }

    /** Waits until every echo of a stopped closed loop has arrived. */
    void drain(ClosedLoopEcho echo) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (this.client.call(echo::outstanding) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(this.client.call(echo::outstanding) + " echoes did not arrive within 10 s of stopping");
            }
            sleep(Duration.ofMillis(20));
        }
    }

    List<Measurement> measurements() {
        return this.measurements;
    }

    /** Sleeps, for warm-up and measurement windows. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }
}
