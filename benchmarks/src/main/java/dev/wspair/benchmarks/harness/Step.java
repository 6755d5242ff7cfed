package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.wspair.benchmarks.load.ClientConnection;
import dev.wspair.benchmarks.load.ClosedLoopEcho;
import dev.wspair.benchmarks.load.LoadClient;
import dev.wspair.benchmarks.load.RoomJoin;
import dev.wspair.benchmarks.load.RoomProtocol;
import dev.wspair.benchmarks.server.Contender;

/**
 * One contender's server in one repetition of one scenario (repetition 0 while an
 * {@link InterleavedScenario} prepares it): what the scenario needs to drive it and record what it
 * measured.
 */
final class Step {

    /** Members that name themselves at once while a room fills; each join is broadcast to every named member. */
    private static final int JOIN_BATCH = 100;

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);

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

    /**
     * The frames the contender's room speaks.
     * @return the protocol
     */
    RoomProtocol protocol() {
        return this.contender.speaksChat() ? RoomProtocol.CHAT : RoomProtocol.PLAIN;
    }

    /**
     * Opens more members of the contender's room. Where its protocol wants a name first, they
     * connect and name themselves {@value #JOIN_BATCH} at a time, each batch waiting for its ready
     * frames: the chat room queues the roster and history for every member that has not named
     * itself, so thousands of unnamed members would fill its heap.
     * @param count how many
     * @return the new members, each receiving the room's broadcasts
     * @throws IllegalStateException if the room refuses a join frame or a batch is not ready in time
     */
    List<ClientConnection> joinRoom(int count) {
        if (protocol() == RoomProtocol.PLAIN) {
            return connect(this.contender.path(), count);
        }
        List<ClientConnection> members = new ArrayList<>(count);
        RoomJoin join = new RoomJoin(protocol());
        while (members.size() < count) {
            List<ClientConnection> batch = this.client.connect(this.server.port(), this.contender.path(), Math.min(JOIN_BATCH, count - members.size()),
                    opened -> {
                    });
            members.addAll(batch);
            this.client.run(() -> join.join(batch));
            awaitReady(join, members.size());
            if (members.size() % 1000 == 0) {
                progress("joined " + members.size() + "/" + count);
            }
        }
        return members;
    }

    private void awaitReady(RoomJoin join, int expected) {
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        while (this.client.call(join::ready) < expected) {
            int errors = this.client.call(join::errors);
            if (errors > 0) {
                throw new IllegalStateException("The room answered " + errors + " join frames with an error frame");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + this.client.call(join::ready) + " of " + expected + " members were ready within "
                        + JOIN_TIMEOUT.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(5));
        }
    }

    /**
     * Opens echo connections and runs a closed loop over them for the run's first warm-up, so that
     * the JIT has compiled the echo path before the first window, then lets it drain.
     * @param count how many connections
     * @param payload the warm-up's message size, in bytes
     * @return the connections, idle
     */
    List<ClientConnection> connectWarmedUp(int count, int payload) {
        List<ClientConnection> connections = connect(Contender.ECHO_PATH, count);
        ClosedLoopEcho warmUp = new ClosedLoopEcho(payload, this.config.inFlight());
        this.client.run(() -> warmUp.start(connections));
        sleep(this.config.firstWarmup());
        this.client.run(warmUp::stop);
        drain(warmUp);
        return connections;
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
