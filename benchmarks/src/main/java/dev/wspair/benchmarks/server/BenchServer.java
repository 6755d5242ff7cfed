package dev.wspair.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import reactor.netty.DisposableServer;

/**
 * The main class of a contender's server JVM. Prints {@code READY <port>} once listening, then
 * obeys one command per line on standard input: {@code stats} prints {@link ServerStats} after a
 * full collection, {@code quit} (or the end of input) exits at once, dropping every connection.
 */
public final class BenchServer {

    private BenchServer() {
    }

    /**
     * Starts a contender.
     * @param args the contender id, for example {@code wspair}
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("Usage: BenchServer <contender>");
            System.exit(2);
        }
        DisposableServer server = start(Contender.of(args[0]));
        System.out.println("READY " + server.port());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null && !"quit".equals(command)) {
            if ("stats".equals(command)) {
                System.out.println(stats());
            }
            else {
                System.out.println("ERROR unknown command '" + command + "'");
            }
            System.out.flush();
        }
        System.exit(0);
    }

    /**
     * Starts a contender on 127.0.0.1 and a free port.
     * @param contender the contender
     * @return the running server
     */
    public static DisposableServer start(Contender contender) {
        return contender.start(BenchSettings.base());
    }

    /**
     * Collects twice and measures this JVM's memory.
     * @return {@code STATS heap=<bytes> jdkDirect=<bytes> nettyDirect=<bytes>}
     */
    public static String stats() throws InterruptedException {
        return ServerStats.afterGc();
    }
}
