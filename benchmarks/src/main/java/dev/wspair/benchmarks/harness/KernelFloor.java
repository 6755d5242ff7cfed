package dev.wspair.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The floor under scenario 4 on this machine: how long one core takes to write one small frame to
 * each of N loopback sockets when nothing else runs there, no WebSocket code and no framework, only
 * a loop of blocking {@code write} calls. A reader on the other core triggers each broadcast over a
 * control connection and times every member's arrival from the trigger, as the fan-out scenario
 * times a room, so the two sets of figures compare directly.
 *
 * <pre>
 * KernelFloor [--members N] [--rounds R]
 * </pre>
 */
public final class KernelFloor {

    /**
     * What one measurement found.
     * @param p99Millis the median over the broadcasts of each broadcast's p99 arrival time
     * @param cpuMicrosPerWrite the writer JVM's CPU time per write
     * @param kernelShare the kernel's share of that time, 0 to 1
     */
    public record Result(double p99Millis, double cpuMicrosPerWrite, double kernelShare) {
    }

    /** A 32-byte text frame: FIN and opcode 1, length 32, then the payload. */
    private static final int FRAME_LENGTH = 34;

    private static final int WARMUP_ROUNDS = 3;

    private KernelFloor() {
    }

    /**
     * Measures and prints the floor; with {@code --writer PORT N} it is the writer JVM instead.
     * @param args {@code [--members N] [--rounds R]}
     * @throws Exception if the measurement fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--writer")) {
            write(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int members = 10_000;
        int rounds = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--members" -> members = positive(args, ++i);
                case "--rounds" -> rounds = positive(args, ++i);
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        measure(members, rounds, true, System.out);
    }

    private static int positive(String[] args, int index) {
        if (index >= args.length) {
            usage(args[index - 1] + " needs a number");
        }
        try {
            int value = Integer.parseInt(args[index]);
            if (value > 0) {
                return value;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        usage(args[index - 1] + " needs a positive whole number, not '" + args[index] + "'");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("kernel-floor: " + problem + "; usage: benchmarks/kernel-floor [--members N] [--rounds R]");
        System.exit(2);
    }

    /** The writer JVM: accepts the control connection and the members, then writes to every member per trigger byte. */
    private static void write(int port, int members) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", port), 4096);
            System.out.println("listening");
            System.out.flush();
            SocketChannel control = listener.accept();
            SocketChannel[] sockets = new SocketChannel[members];
            for (int i = 0; i < members; i++) {
                sockets[i] = listener.accept();
                sockets[i].setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            ByteBuffer trigger = ByteBuffer.allocate(1);
            ByteBuffer frame = ByteBuffer.allocateDirect(FRAME_LENGTH);
            frame.put((byte) 0x81).put((byte) (FRAME_LENGTH - 2)).position(FRAME_LENGTH).flip();
            while (control.read(trigger.clear()) > 0) {
                for (SocketChannel socket : sockets) {
                    socket.write(frame.rewind());
                }
            }
        }
    }

    /**
     * Starts the writer JVM, connects the members and times the broadcasts.
     * @param members sockets to write to
     * @param rounds broadcasts measured, after the warm-up ones
     * @param pin whether to pin the writer to CPU 0 and this JVM to CPU 1, when taskset is there
     * @param out where progress and the per-broadcast lines go
     * @return the figures
     * @throws Exception if the writer does not start or a broadcast does not arrive within 10 s
     */
    public static Result measure(int members, int rounds, boolean pin, PrintStream out) throws Exception {
        int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            port = ((InetSocketAddress) probe.bind(new InetSocketAddress("127.0.0.1", 0)).getLocalAddress()).getPort();
        }
        boolean pinned = pin && Proc.Shell.exists("taskset") && Runtime.getRuntime().availableProcessors() >= 2;
        List<String> command = new ArrayList<>();
        if (pinned) {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), KernelFloor.class.getName(), "--writer", String.valueOf(port), String.valueOf(members)));
        Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            String first = output.readLine();
            if (!"listening".equals(first)) {
                throw new IllegalStateException("The writer JVM did not start: " + first);
            }
            if (pinned && Proc.Shell.output("taskset", "-a", "-cp", "1", String.valueOf(ProcessHandle.current().pid())) == null) {
                pinned = false;
            }
            out.println("Writer on " + (pinned ? "CPU 0, reader on CPU 1" : "any core (not pinned)") + "; " + members + " members, "
                    + WARMUP_ROUNDS + " warm-up and " + rounds + " measured broadcasts of one " + FRAME_LENGTH + "-byte frame each");
            return read(port, members, rounds, writer.pid(), out);
        }
        finally {
            writer.destroy();
        }
    }

    private static Result read(int port, int members, int rounds, long writerPid, PrintStream out) throws Exception {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        try (SocketChannel control = SocketChannel.open(address); Selector selector = Selector.open()) {
            List<SocketChannel> sockets = new ArrayList<>(members);
            try {
                for (int i = 0; i < members; i++) {
                    SocketChannel socket = open(address, i, members);
                    socket.configureBlocking(false);
                    socket.register(selector, SelectionKey.OP_READ);
                    sockets.add(socket);
                    if ((i + 1) % 2_000 == 0) {
                        out.println("connected " + (i + 1) + "/" + members);
                    }
                }
                ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
                double[] p99s = new double[rounds];
                double cpuBefore = 0;
                double systemBefore = 0;
                for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
                    if (round == 0) {
                        cpuBefore = Proc.cpuSeconds(writerPid);
                        systemBefore = Proc.systemSeconds(writerPid);
                    }
                    long[] arrivals = broadcast(control, selector, buffer, members);
                    if (round >= 0) {
                        p99s[round] = millis(arrivals[(int) Math.ceil(members * 0.99) - 1]);
                        out.printf(Locale.ROOT, "broadcast %d: first %.1f ms, p50 %.1f ms, p99 %.1f ms, last %.1f ms%n", round + 1,
                                millis(arrivals[0]), millis(arrivals[members / 2]), p99s[round], millis(arrivals[members - 1]));
                    }
                    Thread.sleep(200);
                }
                double cpu = Proc.cpuSeconds(writerPid) - cpuBefore;
                double system = Proc.systemSeconds(writerPid) - systemBefore;
                Arrays.sort(p99s);
                // Both times are counted in clock ticks: with few writes, rounding can put the kernel's above the total.
                Result result = new Result(p99s[rounds / 2], cpu * 1e6 / ((double) rounds * members), (cpu > 0) ? Math.min(1, system / cpu) : 0);
                out.printf(Locale.ROOT, "p99 over %d broadcasts: median %.1f ms (%.1f–%.1f); writer CPU %.1f µs per write, %.0f %% of it in the kernel%n",
                        rounds, result.p99Millis(), p99s[0], p99s[rounds - 1], result.cpuMicrosPerWrite(), 100 * result.kernelShare());
                return result;
            }
            finally {
                for (SocketChannel socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    private static SocketChannel open(InetSocketAddress address, int index, int members) throws IOException {
        try {
            return SocketChannel.open(address);
        }
        catch (IOException ex) {
            throw new IOException("Could not open member socket " + (index + 1) + " of " + members + " (" + ex.getMessage()
                    + "); each JVM holds one socket per member, so the file-descriptor limit (ulimit -n) must exceed --members", ex);
        }
    }

    /** Sends one trigger and returns every member's arrival time after it, in nanoseconds, sorted. */
    private static long[] broadcast(SocketChannel control, Selector selector, ByteBuffer buffer, int members) throws IOException {
        long[] arrivals = new long[members];
        int arrived = 0;
        long start = System.nanoTime();
        control.write(ByteBuffer.wrap(new byte[] { 1 }));
        while (arrived < members) {
            if (selector.select(10_000) == 0) {
                throw new IllegalStateException("Only " + arrived + " of " + members + " members got the broadcast within 10 s");
            }
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext();) {
                SelectionKey key = keys.next();
                keys.remove();
                buffer.clear();
                int read = ((SocketChannel) key.channel()).read(buffer);
                if (read < 0) {
                    throw new IllegalStateException("The writer closed a member's connection");
                }
                if (read > 0) {
                    arrivals[arrived++] = System.nanoTime() - start;
                }
            }
        }
        Arrays.sort(arrivals);
        return arrivals;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
