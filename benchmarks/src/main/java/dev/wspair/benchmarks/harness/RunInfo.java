package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a report says about the run besides the numbers.
 *
 * @param command the command that started it
 * @param started when it started
 * @param duration how long it took
 * @param loadAtStart the load average at the start
 * @param loadAtEnd the load average at the end
 * @param busiestAtStart the busiest other processes at the start ({@code ps})
 * @param machine processors, CPU model and memory
 * @param java the JVM's name and version
 * @param serverFlags the servers' JVM flags
 * @param generatorFlags the generator's JVM flags
 * @param pinning how server and generator were pinned, or why they were not
 * @param steps one line per server JVM: scenario, contender, repetition, seconds, load at its start
 */
record RunInfo(String command, Instant started, Duration duration, String loadAtStart, String loadAtEnd, String busiestAtStart,
        String machine, String java, List<String> serverFlags, List<String> generatorFlags, String pinning, List<String> steps) {
}
