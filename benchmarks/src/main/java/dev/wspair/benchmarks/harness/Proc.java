package dev.wspair.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Reads process CPU time, resident memory and the load average from {@code /proc}. Without
 * {@code /proc} (not Linux) every value is {@code NaN} and {@link #available()} says so.
 */
final class Proc {

    private static final Path ROOT = Path.of("/proc");

    private static final long TICKS_PER_SECOND = clockTicks();

    private Proc() {
    }

    static boolean available() {
        return Files.isReadable(ROOT.resolve("self/stat"));
    }

    /**
     * User plus system CPU time of a process.
     * @param pid the process id
     * @return seconds, or {@code NaN} without {@code /proc}
     */
    static double cpuSeconds(long pid) {
        return userSeconds(pid) + systemSeconds(pid);
    }

    /**
     * User CPU time of a process.
     * @param pid the process id
     * @return seconds, or {@code NaN} without {@code /proc}
     */
    static double userSeconds(long pid) {
        return statTicks(pid, 11);
    }

    /**
     * System (kernel) CPU time of a process: for a network server mostly the socket calls.
     * @param pid the process id
     * @return seconds, or {@code NaN} without {@code /proc}
     */
    static double systemSeconds(long pid) {
        return statTicks(pid, 12);
    }

    /** A field of {@code /proc/<pid>/stat} counted after the command name (utime is 11, stime 12), in seconds. */
    private static double statTicks(long pid, int field) {
        String stat = read(ROOT.resolve(pid + "/stat"));
        if (stat == null) {
            return Double.NaN;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (double) Long.parseLong(fields[field]) / TICKS_PER_SECOND;
    }

    /**
     * The time the host ran something else while one of this machine's CPUs wanted to run (the
     * {@code steal} column of {@code /proc/stat}), summed over every CPU since boot. Zero on
     * hardware; on a virtual machine it counts the host's other tenants.
     * @return seconds, or {@code NaN} without {@code /proc}
     */
    static double stealSeconds() {
        String stat = read(ROOT.resolve("stat"));
        if (stat == null) {
            return Double.NaN;
        }
        String[] fields = stat.lines().filter(line -> line.startsWith("cpu ")).findFirst().orElse("cpu").trim().split(" +");
        return (fields.length > 8) ? (double) Long.parseLong(fields[8]) / TICKS_PER_SECOND : Double.NaN;
    }

    /**
     * Resident set size of a process ({@code VmRSS}).
     * @param pid the process id
     * @return bytes, or {@code NaN} without {@code /proc}
     */
    static double rssBytes(long pid) {
        String status = read(ROOT.resolve(pid + "/status"));
        if (status == null) {
            return Double.NaN;
        }
        return status.lines()
            .filter(line -> line.startsWith("VmRSS:"))
            .mapToDouble(line -> Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024)
            .findFirst()
            .orElse(Double.NaN);
    }

    /**
     * The 1, 5 and 15 minute load averages.
     * @return for example {@code 1.02 0.87 0.60}, or {@code unknown}
     */
    static String loadAverage() {
        String load = read(ROOT.resolve("loadavg"));
        if (load == null) {
            return "unknown";
        }
        String[] fields = load.trim().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /**
     * Total memory of the machine.
     * @return for example {@code 23.4 GiB}, or {@code unknown}
     */
    static String memTotal() {
        String meminfo = read(ROOT.resolve("meminfo"));
        if (meminfo == null) {
            return "unknown";
        }
        return meminfo.lines()
            .filter(line -> line.startsWith("MemTotal:"))
            .map(line -> String.format("%.1f GiB", Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024 / 1024))
            .findFirst()
            .orElse("unknown");
    }

    private static @Nullable String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            return null;
        }
    }

    private static long clockTicks() {
        String ticks = Shell.output("getconf", "CLK_TCK");
        try {
            return (ticks != null) ? Long.parseLong(ticks.trim()) : 100;
        }
        catch (NumberFormatException ex) {
            return 100;
        }
    }

    /** Runs small commands and returns their output. */
    static final class Shell {

        private Shell() {
        }

        /**
         * Runs a command.
         * @param command the command and its arguments
         * @return its standard output, or {@code null} if it is missing or failed
         */
        static @Nullable String output(String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    return null;
                }
                return new String(out, StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                return null;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /**
         * Whether a program is on the path.
         * @param program the program
         * @return whether it runs
         */
        static boolean exists(String program) {
            return output("sh", "-c", "command -v " + program) != null;
        }
    }
}
