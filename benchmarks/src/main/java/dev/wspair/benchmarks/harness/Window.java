package dev.wspair.benchmarks.harness;

/**
 * A measurement window: wall time, the server's CPU time (and the kernel's part of it), the
 * generator's CPU time and the machine's steal time between {@link #open} and {@link #close}.
 */
final class Window {

    private final Server server;

    private final long startNanos;

    private final double serverCpuStart;

    private final double serverSystemStart;

    private final double generatorCpuStart;

    private final double stealStart;

    private double seconds;

    private double serverCpu;

    private double serverSystem;

    private double generatorCpu;

    private double steal;

    private Window(Server server) {
        this.server = server;
        this.startNanos = System.nanoTime();
        this.serverCpuStart = server.cpuSeconds();
        this.serverSystemStart = server.systemCpuSeconds();
        this.generatorCpuStart = Proc.cpuSeconds(ProcessHandle.current().pid());
        this.stealStart = Proc.stealSeconds();
    }

    static Window open(Server server) {
        return new Window(server);
    }

    Window close() {
        this.seconds = (System.nanoTime() - this.startNanos) / 1e9;
        this.serverCpu = this.server.cpuSeconds() - this.serverCpuStart;
        this.serverSystem = this.server.systemCpuSeconds() - this.serverSystemStart;
        this.generatorCpu = Proc.cpuSeconds(ProcessHandle.current().pid()) - this.generatorCpuStart;
        this.steal = Proc.stealSeconds() - this.stealStart;
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

    /** CPU time the host took from this machine's CPUs in the window, all CPUs together ({@link Proc#stealSeconds}). */
    double stealSeconds() {
        return this.steal;
    }
}
