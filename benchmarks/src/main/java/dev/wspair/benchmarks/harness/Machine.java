package dev.wspair.benchmarks.harness;

/** Describes the machine and the JVM for the report. */
final class Machine {

    private Machine() {
    }

    /**
     * Processors, CPU model and memory. Counts every processor ({@code nproc --all}): the
     * generator has pinned itself to one by the time the report is written.
     * @return for example {@code 2 processors (nproc --all), AMD EPYC, 23.4 GiB}
     */
    static String describe() {
        String nproc = Proc.Shell.output("nproc", "--all");
        String lscpu = Proc.Shell.output("lscpu");
        String model = (lscpu == null) ? "unknown model (lscpu missing)" : lscpu.lines()
            .filter(line -> line.startsWith("Model name:"))
            .map(line -> line.substring("Model name:".length()).trim())
            .findFirst()
            .orElse("unknown model");
        return ((nproc != null) ? nproc.trim() : "?") + " processors (nproc --all), " + model + ", " + Proc.memTotal() + " memory";
    }

    /**
     * The JVM running the generator; the servers run the same one.
     * @return name and version
     */
    static String java() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")";
    }
}
