package dev.wspair.benchmarks.harness;

/**
 * A measurement window: wall time, the server's CPU time (and the kernel's part of it) and the
 * generator's CPU time between
 * {@link #open} and {@link #close}.
 */
final class Window {

    private final Server server;

    private final long startNanos;

    private final double serverCpuStart;

    private final double serverSystemStart;

    private final double generatorCpuStart;

    private double seconds;

    private double serverCpu;

    private double serverSystem;

    private double generatorCpu;

    private Window(Server server) {
        this.server = server;
        this.startNanos = System.nanoTime();
        this.serverCpuStart = server.cpuSeconds();
        this.serverSystemStart = server.systemCpuSeconds();
        this.generatorCpuStart = Proc.cpuSeconds(ProcessHandle.current().pid());
    }

    static Window open(Server server) {
        return new Window(server);
    }

    Window close() {
        this.seconds = (System.nanoTime() - this.startNanos) / 1e9;
        this.serverCpu = this.server.cpuSeconds() - this.serverCpuStart;
        this.serverSystem = this.server.systemCpuSeconds() - this.serverSystemStart;
        this.generatorCpu = Proc.cpuSeconds(ProcessHandle.current().pid()) - this.generatorCpuStart;
        return this;
    }

    double seconds() {
        return this.seconds;
    }

    double serverCpuSeconds() {
        return this.serverCpu;
    }

    /** The kernel's share of the server's CPU time in the window, in percent. */
    double serverKernelPercent() {
        return 100 * this.serverSystem / this.serverCpu;
    }

    double generatorCpuSeconds() {
        return this.generatorCpu;
    }
}
