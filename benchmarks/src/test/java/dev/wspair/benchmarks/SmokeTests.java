package dev.wspair.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.wspair.benchmarks.harness.Measurement;
import dev.wspair.benchmarks.harness.RunConfig;
import dev.wspair.benchmarks.harness.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run: every scenario with tiny loads against each of its contenders, in this JVM. It
 * asserts that numbers came out for every contender and scenario, never how fast they are.
 */
class SmokeTests {

    @TempDir
    Path directory;

    @Test
    void everyScenarioMeasuresEveryContender() throws Exception {
        List<String> progress = new ArrayList<>();
        List<Measurement> measurements = new Runner(RunConfig.smoke(this.directory), List.of(), line -> {
            System.out.println(line);
            progress.add(line);
        }).run("smoke test");

        Map<String, Set<String>> contendersByScenario = measurements.stream()
            .collect(Collectors.groupingBy(Measurement::scenario, Collectors.mapping(Measurement::contender, Collectors.toSet())));
        assertThat(contendersByScenario).containsOnlyKeys("1-echo-throughput", "2-echo-latency", "3-idle-memory", "4-fan-out",
                "5-room-throughput", "6-metrics-overhead");
        assertThat(contendersByScenario.get("1-echo-throughput")).containsExactlyInAnyOrder("reactor-netty", "webflux", "wspair");
        assertThat(contendersByScenario.get("2-echo-latency")).containsExactlyInAnyOrder("reactor-netty", "webflux", "wspair");
        assertThat(contendersByScenario.get("3-idle-memory")).containsExactlyInAnyOrder("reactor-netty", "webflux", "wspair");
        assertThat(contendersByScenario.get("4-fan-out")).containsExactlyInAnyOrder("webflux-room", "wspair-room");
        assertThat(contendersByScenario.get("5-room-throughput")).containsExactlyInAnyOrder("webflux-room", "wspair-room");
        assertThat(contendersByScenario.get("6-metrics-overhead")).containsExactlyInAnyOrder("wspair", "wspair-metrics");

        assertThat(headline(measurements, "1-echo-throughput", "echoes/s")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "2-echo-latency", "p99 µs")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "3-idle-memory", "heap MiB")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "4-fan-out", "incomplete broadcasts")).allMatch(value -> value == 0);
        assertThat(headline(measurements, "4-fan-out", "last ms")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "5-room-throughput", "broadcasts/s")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "6-metrics-overhead", "echoes/s")).allMatch(value -> value > 0);

        assertThat(progress).anyMatch(line -> line.startsWith("[15/15] 6-metrics-overhead"));
        assertThat(this.directory.resolve("results/measurements.csv")).exists();
        assertThat(this.directory.resolve("results/summary.csv")).exists();
        String report = Files.readString(this.directory.resolve("benchmarks.md"), StandardCharsets.UTF_8);
        assertThat(report).contains("### Targets", "Echo throughput wspair / raw WebFlux", "p99 latency wspair / raw WebFlux",
                "Idle heap+direct per connection", "Room broadcasts/s", "Echo throughput with metrics / without", "Load average");
    }

    private static List<Double> headline(List<Measurement> measurements, String scenario, String metric) {
        List<Double> values = measurements.stream()
            .filter(m -> m.scenario().equals(scenario) && m.metric().equals(metric))
            .map(Measurement::value)
            .toList();
        assertThat(values).as(scenario + " " + metric).isNotEmpty();
        return values;
    }
}
