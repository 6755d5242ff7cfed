package dev.wspair.benchmarks.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.wspair.benchmarks.load.LoadClient;
import dev.wspair.benchmarks.server.Contender;
import org.jspecify.annotations.Nullable;

/**
 * Runs every scenario side by side, the contenders in turn within each repetition and driven by
 * the in-process generator: a {@link SteppedScenario} starts a fresh server JVM for each
 * contender and repetition, never two at once; an {@link InterleavedScenario} keeps every
 * contender's server running and measures them in alternating windows. Prints one progress line
 * per contender and repetition with an ETA, then writes the report and the CSV results, keeping
 * earlier runs' results of the scenarios it did not run.
 *
 * <pre>
 * Runner [--repetitions N] [--root DIR] [--jfr DIR] [--only SCENARIO-ID,…]
 * Runner --smoke DIR
 * </pre>
 */
public final class Runner {

    private final RunConfig config;

    private final List<Scenario> scenarios;

    private final Consumer<String> out;

    /**
     * Creates a runner.
     * @param config the run
     * @param only scenario ids to run, or empty for all
     * @param out where progress lines go
     */
    public Runner(RunConfig config, List<String> only, Consumer<String> out) {
        this.config = config;
        this.scenarios = allScenarios(config).stream().filter(scenario -> only.isEmpty() || only.contains(scenario.id())).toList();
        this.out = out;
        if (this.scenarios.isEmpty()) {
            throw new IllegalArgumentException("No scenario matches " + only + "; known: " + allScenarios(config).stream().map(Scenario::id).toList());
        }
    }

    static List<Scenario> allScenarios(RunConfig config) {
        return List.of(EchoThroughput.echo(config), new EchoLatency(), IdleMemory.echo(), FanOutScenario.storageOff(), FanOutScenario.storageOn(),
                RoomThroughputScenario.storageOff(), RoomThroughputScenario.storageOn(), EchoThroughput.metrics(config), IdleMemory.hibernation());
    }

    /**
     * Runs the benchmark.
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        int repetitions = 3;
        Path root = Path.of("").toAbsolutePath();
        Path jfr = null;
        Path smoke = null;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repetitions" -> repetitions = Integer.parseInt(args[++i]);
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
                case "--jfr" -> jfr = Path.of(args[++i]).toAbsolutePath();
                case "--smoke" -> smoke = Path.of(args[++i]).toAbsolutePath();
                case "--only" -> only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; usage: Runner [--repetitions N] [--root DIR] [--jfr DIR] [--only SCENARIO-ID,...] | --smoke DIR");
            }
        }
        RunConfig config = (smoke != null) ? RunConfig.smoke(smoke) : RunConfig.full(repetitions, root, jfr);
        String command = System.getProperty("wspair.bench.command", "Runner " + String.join(" ", args));
        new Runner(config, only, System.out::println).run(command);
    }

    /**
     * Runs every step and writes the report.
     * @param command the command to show in the report
     * @return every measurement
     */
    public List<Measurement> run(String command) throws Exception {
        Instant started = Instant.now();
        String loadAtStart = Proc.loadAverage();
        String busiest = busiestProcesses();
        if (!Proc.available()) {
            this.out.accept("No /proc here: server CPU time, generator CPU time, steal time and RSS are not measured (NaN in the results)");
        }
        boolean pinned = pin();
        List<Measurement> measurements = new ArrayList<>();
        Progress progress = new Progress(started);
        for (Scenario scenario : this.scenarios) {
            if (scenario instanceof InterleavedScenario<?> interleaved) {
                measurements.addAll(runInterleaved(interleaved, pinned, progress));
            }
            else {
                measurements.addAll(runStepped((SteppedScenario) scenario, pinned, progress));
            }
        }
        RunInfo info = new RunInfo(command, started, Duration.between(started, Instant.now()), loadAtStart, Proc.loadAverage(), busiest,
                Machine.describe(), Machine.java(), this.config.inProcess() ? List.of("(in process)") : ChildJvmServer.jvmFlags(this.config),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), pinning(pinned), progress.steps);
        new Report(this.config, allScenarios(this.config), this.scenarios, info).write(measurements);
        this.out.accept("Done in " + format(info.duration()) + "; load average " + loadAtStart + " at the start, " + info.loadAtEnd()
                + " at the end; report: " + this.config.reportFile() + ", results: " + this.config.resultsDirectory());
        return measurements;
    }

    /** A fresh server JVM per contender and repetition, started, driven and stopped in turn. */
    private List<Measurement> runStepped(SteppedScenario scenario, boolean pinned, Progress progress) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        for (int repetition = 1; repetition <= scenario.repetitions(this.config); repetition++) {
            for (Contender contender : scenario.contenders()) {
                progress.begin(scenario, contender, repetition);
                try (LoadClient client = new LoadClient(); Server server = start(scenario, contender, Integer.toString(repetition), pinned)) {
                    Step step = step(scenario, contender, repetition, server, client);
                    scenario.run(step);
                    measurements.addAll(step.measurements());
                }
                progress.end(scenario, contender, repetition);
            }
        }
        return measurements;
    }

    /** Every contender's server JVM at once, each prepared, then one window each per repetition, in rotating order. */
    private <S> List<Measurement> runInterleaved(InterleavedScenario<S> scenario, boolean pinned, Progress progress) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        Map<Contender, Server> servers = new LinkedHashMap<>();
        Map<Contender, S> prepared = new LinkedHashMap<>();
        try (LoadClient client = new LoadClient()) {
            try {
                for (Contender contender : scenario.contenders()) {
                    this.out.accept("        starting and warming up " + contender.id() + " for " + scenario.id());
                    Server server = start(scenario, contender, "all", pinned);
                    servers.put(contender, server);
                    prepared.put(contender, scenario.prepare(step(scenario, contender, 0, server, client)));
                }
                List<Contender> order = new ArrayList<>(scenario.contenders());
                for (int repetition = 1; repetition <= scenario.repetitions(this.config); repetition++) {
                    for (Contender contender : order) {
                        progress.begin(scenario, contender, repetition);
                        Step step = step(scenario, contender, repetition, servers.get(contender), client);
                        scenario.measure(step, prepared.get(contender));
                        measurements.addAll(step.measurements());
                        progress.end(scenario, contender, repetition);
                    }
                    Collections.rotate(order, -1);
                }
            }
            finally {
                for (Server server : servers.values()) {
                    server.close();
                }
            }
        }
        return measurements;
    }

    private Server start(Scenario scenario, Contender contender, String repetition, boolean pinned) throws IOException {
        if (this.config.inProcess()) {
            return InProcessServer.start(contender);
        }
        Path recording = (this.config.jfr() != null) ? this.config.jfr().resolve(scenario.id() + "-" + contender.id() + "-" + repetition + ".jfr") : null;
        return ChildJvmServer.start(contender, this.config, pinned, recording);
    }

    private Step step(Scenario scenario, Contender contender, int repetition, Server server, LoadClient client) {
        return new Step(scenario, contender, repetition, this.config, server, client, detail -> this.out.accept("        " + detail));
    }

    /** Prints a line as each contender's part of a repetition starts, with an ETA, and keeps a line per part for the report. */
    private final class Progress {

        private final Instant started;

        private final int total;

        private final Duration estimatedTotal;

        private final List<String> steps = new ArrayList<>();

        private Duration estimatedDone = Duration.ZERO;

        private int done;

        private String load = "";

        private Instant partStart = Instant.now();

        Progress(Instant started) {
            this.started = started;
            RunConfig config = Runner.this.config;
            this.total = Runner.this.scenarios.stream().mapToInt(scenario -> scenario.contenders().size() * scenario.repetitions(config)).sum();
            this.estimatedTotal = Runner.this.scenarios.stream()
                .map(scenario -> scenario.estimate(config).multipliedBy((long) scenario.contenders().size() * scenario.repetitions(config)))
                .reduce(Duration.ZERO, Duration::plus);
        }

        void begin(Scenario scenario, Contender contender, int repetition) {
            Duration elapsed = Duration.between(this.started, Instant.now());
            Runner.this.out.accept(String.format(Locale.ROOT, "[%d/%d] %s · %s · repetition %d/%d · elapsed %s · ETA %s", this.done + 1, this.total,
                    scenario.id(), contender.id(), repetition, scenario.repetitions(Runner.this.config), format(elapsed),
                    format(eta(elapsed, this.estimatedDone, this.estimatedTotal))));
            this.load = Proc.loadAverage();
            this.partStart = Instant.now();
        }

        void end(Scenario scenario, Contender contender, int repetition) {
            this.steps.add(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%s", scenario.id(), contender.id(), repetition,
                    Duration.between(this.partStart, Instant.now()).toMillis() / 1e3, this.load.split(" ")[0]));
            this.estimatedDone = this.estimatedDone.plus(scenario.estimate(Runner.this.config));
            this.done++;
        }
    }

    /** Pins this JVM (the generator) to CPU 1 when the run asks for it and the machine allows it. */
    private boolean pin() throws IOException {
        if (!this.config.pin()) {
            return false;
        }
        String reason = unpinnableReason();
        if (reason != null) {
            this.out.accept("Not pinning: " + reason + "; server and generator share every core");
            return false;
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        if (Proc.Shell.output("taskset", "-a", "-cp", "1", pid) == null) {
            this.out.accept("Not pinning: 'taskset -a -cp 1 " + pid + "' failed; server and generator share every core");
            return false;
        }
        return true;
    }

    private static @Nullable String unpinnableReason() {
        if (!Proc.Shell.exists("taskset")) {
            return "taskset is not installed (Debian: util-linux)";
        }
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return "fewer than 2 processors are available";
        }
        return null;
    }

    private String pinning(boolean pinned) {
        if (pinned) {
            return "server JVM on CPU 0 (`taskset -c 0`), generator JVM on CPU 1 (`taskset -a -cp 1`)";
        }
        return this.config.pin() ? "none: " + unpinnableReason() : "none (" + this.config.name() + " run)";
    }

    private static String busiestProcesses() {
        String ps = Proc.Shell.output("ps", "-eo", "pcpu,rss,args", "--sort=-pcpu");
        if (ps == null) {
            return "unknown (ps failed)";
        }
        return ps.lines().skip(1).limit(6).map(line -> line.length() > 110 ? line.substring(0, 110) + "…" : line)
            .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static Duration eta(Duration elapsed, Duration estimatedDone, Duration estimatedTotal) {
        Duration remaining = estimatedTotal.minus(estimatedDone);
        if (estimatedDone.isZero()) {
            return remaining;
        }
        return Duration.ofMillis((long) (remaining.toMillis() * ((double) elapsed.toMillis() / estimatedDone.toMillis())));
    }

    static String format(Duration duration) {
        return String.format(Locale.ROOT, "%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
    }
}
