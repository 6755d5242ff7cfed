package dev.wspair.benchmarks.server;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;

import io.netty.util.internal.PlatformDependent;

/**
 * The server's memory after a full collection: heap in use, JDK direct buffers and Netty's own
 * direct memory counter (used when Netty allocates direct memory without the JDK's cleaner), and
 * any count a contender {@linkplain #report reports}.
 */
final class ServerStats {

    private static final Map<String, LongSupplier> REPORTED = new ConcurrentSkipListMap<>();

    private ServerStats() {
    }

    /**
     * Adds a count to every stats line of this JVM.
     * @param name the field name, without spaces or {@code =}
     * @param value read when the stats are taken
     */
    static void report(String name, LongSupplier value) {
        REPORTED.put(name, value);
    }

    /**
     * Collects twice and measures.
     * @return one line: {@code STATS heap=<bytes> jdkDirect=<bytes> nettyDirect=<bytes>}, then
     * {@code name=<count>} for each reported count
     */
    static String afterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long jdkDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> "direct".equals(pool.getName()))
            .mapToLong(BufferPoolMXBean::getMemoryUsed)
            .sum();
        long nettyDirect = Math.max(0, PlatformDependent.usedDirectMemory());
        StringBuilder line = new StringBuilder("STATS heap=").append(heap).append(" jdkDirect=").append(jdkDirect).append(" nettyDirect=").append(nettyDirect);
        REPORTED.forEach((name, value) -> line.append(' ').append(name).append('=').append(value.getAsLong()));
        return line.toString();
    }
}
