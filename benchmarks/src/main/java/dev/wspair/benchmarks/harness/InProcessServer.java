package dev.wspair.benchmarks.harness;

import java.util.Map;

import dev.wspair.benchmarks.server.BenchServer;
import dev.wspair.benchmarks.server.Contender;
import reactor.netty.DisposableServer;

/**
 * A contender started inside the generator's JVM, for the smoke run only: quick to start, but its
 * CPU time and memory include the generator's, so its numbers prove the harness works and measure
 * nothing.
 */
final class InProcessServer implements Server {

    private final DisposableServer server;

    private InProcessServer(DisposableServer server) {
        this.server = server;
    }

    static InProcessServer start(Contender contender) {
        return new InProcessServer(BenchServer.start(contender));
    }

    @Override
    public int port() {
        return this.server.port();
    }

    @Override
    public double cpuSeconds() {
        return Proc.cpuSeconds(ProcessHandle.current().pid());
    }

    @Override
    public double systemCpuSeconds() {
        return Proc.systemSeconds(ProcessHandle.current().pid());
    }

    @Override
    public Map<String, Double> memory() throws InterruptedException {
        return Server.parseStats(BenchServer.stats(), Proc.rssBytes(ProcessHandle.current().pid()));
    }

    @Override
    public void close() {
        this.server.disposeNow();
    }
}
