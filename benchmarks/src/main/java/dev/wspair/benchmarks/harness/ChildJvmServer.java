package dev.wspair.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.wspair.benchmarks.server.BenchServer;
import dev.wspair.benchmarks.server.Contender;
import org.jspecify.annotations.Nullable;

/**
 * One contender's server in its own JVM, started with the run's flags (pinned to CPU 0 when
 * pinning is on) and spoken to through {@link BenchServer}'s line protocol.
 */
final class ChildJvmServer implements Server {

    private final Process process;

    private final BufferedReader output;

    private final Writer input;

    private final int port;

    private ChildJvmServer(Process process) throws IOException {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String ready = this.output.readLine();
        while (ready != null && !ready.startsWith("READY ")) {
            System.err.println("server: " + ready);
            ready = this.output.readLine();
        }
        if (ready == null) {
            process.destroyForcibly();
            throw new IllegalStateException("The server exited before listening; its errors are above");
        }
        this.port = Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    /**
     * The JVM flags of every server in a run, identical for all contenders.
     * @param config the run
     * @return the flags
     */
    static List<String> jvmFlags(RunConfig config) {
        List<String> flags = new ArrayList<>(List.of("-Xms" + config.serverHeap(), "-Xmx" + config.serverHeap(), "-XX:+UseG1GC",
                "-Dio.netty.leakDetection.level=disabled", "-Dreactor.netty.ioWorkerCount=1"));
        if (config.preTouch()) {
            flags.add("-XX:+AlwaysPreTouch");
        }
        return flags;
    }

    /**
     * Starts a contender and waits until it listens.
     * @param contender the contender
     * @param config the run
     * @param pinned whether to pin it to CPU 0 with taskset
     * @param recording where to write a flight recording, or {@code null}
     * @return the running server
     */
    static ChildJvmServer start(Contender contender, RunConfig config, boolean pinned, @Nullable Path recording) throws IOException {
        List<String> command = new ArrayList<>();
        if (pinned) {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags(config));
        if (recording != null) {
            command.add("-XX:StartFlightRecording=filename=" + recording + ",settings=" + System.getProperty("wspair.bench.jfr.settings", "profile"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), contender.id()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ChildJvmServer(process);
    }

    @Override
    public int port() {
        return this.port;
    }

    private long pid() {
        return this.process.pid();
    }

    @Override
    public double cpuSeconds() {
        return Proc.cpuSeconds(pid());
    }

    @Override
    public double systemCpuSeconds() {
        return Proc.systemSeconds(pid());
    }

    @Override
    public Map<String, Double> memory() throws IOException {
        this.input.write("stats\n");
        this.input.flush();
        String line = this.output.readLine();
        if (line == null || !line.startsWith("STATS ")) {
            throw new IllegalStateException("The server answered 'stats' with " + line);
        }
        return Server.parseStats(line, Proc.rssBytes(pid()));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            this.input.write("quit\n");
            this.input.flush();
        }
        catch (IOException ex) {
            // the server is gone already
        }
        if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
            this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
