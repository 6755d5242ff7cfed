package dev.wspair.benchmarks.harness;

/**
 * A measurement window: wall time, the server's CPU time and the generator's CPU time between
 * {@link #open} and {@link #close}.
 */
final class Window {

    private final Server server;

    private final long startNanos;

    private final double serverCpuStart;

    private final double generatorCpuStart;

    private double seconds;

    private double serverCpu;

    private double generatorCpu;

    private Window(Server server) {
        this.server = server;
        this.startNanos = System.nanoTime();
        this.serverCpuStart = server.cpuSeconds();
        this.generatorCpuStart = Proc.cpuSeconds(ProcessHandle.current().pid());
    }

    static Window open(Server server) {
        return new Window(server);
    }

    Window close() {
        this.seconds = (System.nanoTime() - this.startNanos) / 1e9;
        this.serverCpu = this.server.cpuSeconds() - this.serverCpuStart;
        this.generatorCpu = Proc.cpuSeconds(ProcessHandle.current().pid()) - this.generatorCpuStart;
        return this;
    }

    double seconds() {
        return this.seconds;
    }

    double serverCpuSeconds() {
        return this.serverCpu;
    }

    double generatorCpuSeconds() {
        return this.generatorCpu;
    }
}
