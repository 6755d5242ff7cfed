package dev.wspair.benchmarks.harness;

/**
 * One number from one repetition of one contender at one point of a scenario.
 *
 * @param scenario the scenario id
 * @param point the load point, for example {@code 1000 conn, 32 B}
 * @param contender the contender id
 * @param repetition 1-based
 * @param metric what was measured, for example {@code echoes/s}
 * @param value the value
 */
public record Measurement(String scenario, String point, String contender, int repetition, String metric, double value) {
}
