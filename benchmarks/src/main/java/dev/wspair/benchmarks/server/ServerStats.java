package dev.wspair.benchmarks.server;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import io.netty.util.internal.PlatformDependent;

/**
 * The server's memory after a full collection: heap in use, JDK direct buffers and Netty's own
 * direct memory counter (used when Netty allocates direct memory without the JDK's cleaner).
 */
final class ServerStats {

    private ServerStats() {
    }

    /**
     * Collects twice and measures.
     * @return one line: {@code STATS heap=<bytes> jdkDirect=<bytes> nettyDirect=<bytes>}
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
        return "STATS heap=" + heap + " jdkDirect=" + jdkDirect + " nettyDirect=" + nettyDirect;
    }
}
