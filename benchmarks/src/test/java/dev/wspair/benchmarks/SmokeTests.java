package dev.wspair.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.wspair.benchmarks.harness.KernelFloor;
import dev.wspair.benchmarks.harness.Measurement;
import dev.wspair.benchmarks.harness.RunConfig;
import dev.wspair.benchmarks.harness.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run: every scenario with tiny loads against each of its contenders, in this JVM. It
 * asserts that numbers came out for every contender and scenario, never how fast they are, and
 * that a later run of one scenario keeps the other scenarios' results; and the kernel-floor tool
 * times a few broadcasts to 50 sockets.
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
                "4-fan-out-storage", "5-room-throughput", "5-room-throughput-storage", "6-metrics-overhead", "6-hibernation-memory");
        assertThat(contendersByScenario.get("1-echo-throughput")).containsExactlyInAnyOrder("reactor-netty", "webflux", "wspair");
        assertThat(contendersByScenario.get("2-echo-latency")).containsExactlyInAnyOrder("reactor-netty", "webflux", "wspair");
        assertThat(contendersByScenario.get("3-idle-memory")).containsExactlyInAnyOrder("reactor-netty", "webflux", "wspair");
        assertThat(contendersByScenario.get("4-fan-out")).containsExactlyInAnyOrder("webflux-room", "wspair-room");
        assertThat(contendersByScenario.get("4-fan-out-storage")).containsExactlyInAnyOrder("wspair-room", "chat-room-memory", "chat-room");
        assertThat(contendersByScenario.get("5-room-throughput")).containsExactlyInAnyOrder("webflux-room", "wspair-room");
        assertThat(contendersByScenario.get("5-room-throughput-storage")).containsExactlyInAnyOrder("wspair-room", "chat-room-memory", "chat-room");
        assertThat(contendersByScenario.get("6-metrics-overhead")).containsExactlyInAnyOrder("wspair", "wspair-metrics");
        assertThat(contendersByScenario.get("6-hibernation-memory")).containsExactlyInAnyOrder("wspair", "wspair-hibernated");

        assertThat(headline(measurements, "1-echo-throughput", "echoes/s")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "2-echo-latency", "p99 µs")).allMatch(value -> value > 0);
        assertThat(measurements).filteredOn(m -> m.scenario().equals("2-echo-latency") && m.metric().equals("p99 µs"))
            .as("two interleaved rounds, each measuring every contender once")
            .extracting(m -> m.contender() + "#" + m.repetition())
            .containsExactlyInAnyOrder("reactor-netty#1", "webflux#1", "wspair#1", "reactor-netty#2", "webflux#2", "wspair#2");
        assertThat(headline(measurements, "2-echo-latency", "steal ms")).as("the host's steal time, read from /proc/stat where there is one")
            .allMatch(value -> Files.isReadable(Path.of("/proc/stat")) ? value >= 0 : value.isNaN());
        assertThat(headline(measurements, "3-idle-memory", "heap MiB")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "4-fan-out", "incomplete broadcasts")).allMatch(value -> value == 0);
        assertThat(headline(measurements, "4-fan-out", "last ms")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "4-fan-out-storage", "incomplete broadcasts")).allMatch(value -> value == 0);
        assertThat(headline(measurements, "4-fan-out-storage", "last ms")).hasSize(6).allMatch(value -> value > 0);
        assertThat(headline(measurements, "5-room-throughput", "broadcasts/s")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "5-room-throughput-storage", "broadcasts/s")).hasSize(3).allMatch(value -> value > 0);
        assertThat(headline(measurements, "6-metrics-overhead", "echoes/s")).allMatch(value -> value > 0);
        assertThat(headline(measurements, "6-hibernation-memory", "heap MiB")).hasSize(4).allMatch(value -> value > 0);
        assertThat(headline(measurements, "6-hibernation-memory", "live object instances")).as("the object was evicted before each measurement")
            .allMatch(value -> value == 0);

        assertThat(progress).anyMatch(line -> line.startsWith("[26/26] 6-hibernation-memory"));
        assertThat(progress).filteredOn(line -> line.contains(" 2-echo-latency · ")).as("the second round starts with the first round's second contender")
            .extracting(line -> line.substring(line.indexOf("] ") + 2, line.indexOf(" · elapsed")))
            .containsExactly("2-echo-latency · reactor-netty · repetition 1/2", "2-echo-latency · webflux · repetition 1/2",
                    "2-echo-latency · wspair · repetition 1/2", "2-echo-latency · webflux · repetition 2/2",
                    "2-echo-latency · wspair · repetition 2/2", "2-echo-latency · reactor-netty · repetition 2/2");
        assertThat(this.directory.resolve("results/measurements.csv")).exists();
        assertThat(this.directory.resolve("results/summary.csv")).exists();
        String report = Files.readString(this.directory.resolve("benchmarks.md"), StandardCharsets.UTF_8);
        assertThat(report).contains("### Targets", "Echo throughput wspair / raw WebFlux", "p99 latency wspair / raw WebFlux",
                "Idle heap+direct per connection", "Room broadcasts/s", "Stored-and-broadcast messages/s", "Echo throughput with metrics / without",
                "Idle heap+direct per socket, hibernated", "Load average");

        List<Measurement> latencyAgain = new Runner(RunConfig.smoke(this.directory), List.of("2-echo-latency"), System.out::println).run("latency again");
        assertThat(latencyAgain).extracting(Measurement::scenario).containsOnly("2-echo-latency");
        List<String> lines = Files.readAllLines(this.directory.resolve("results/measurements.csv"), StandardCharsets.UTF_8);
        Map<String, Set<String>> runsByScenario = lines.stream().skip(1).map(line -> line.split(","))
            .collect(Collectors.groupingBy(fields -> fields[1], Collectors.mapping(fields -> fields[0], Collectors.toSet())));
        assertThat(runsByScenario).as("every scenario's results are kept").containsOnlyKeys(contendersByScenario.keySet());
        assertThat(runsByScenario.values()).as("each from one run").allMatch(runs -> runs.size() == 1);
        String latencyRun = runsByScenario.get("2-echo-latency").iterator().next();
        String echoRun = runsByScenario.get("1-echo-throughput").iterator().next();
        assertThat(latencyRun).isNotEqualTo(echoRun);
        runsByScenario.forEach((scenario, runs) -> assertThat(runs).as(scenario).containsOnly(scenario.equals("2-echo-latency") ? latencyRun : echoRun));
        String merged = Files.readString(this.directory.resolve("benchmarks.md"), StandardCharsets.UTF_8);
        assertThat(merged).contains("| " + echoRun + " | `smoke test` |", "| " + latencyRun + " | `latency again` |", "Run " + latencyRun + ".",
                "Run " + echoRun + ".", "### 1. Echo throughput", "### 6. Idle memory: accepted against hibernated sockets");
    }

    private static List<Double> headline(List<Measurement> measurements, String scenario, String metric) {
        List<Double> values = measurements.stream()
            .filter(m -> m.scenario().equals(scenario) && m.metric().equals(metric))
            .map(Measurement::value)
            .toList();
        assertThat(values).as(scenario + " " + metric).isNotEmpty();
        return values;
    }

    @Test
    void kernelFloorTimesBroadcastsFromAWriterJvm() throws Exception {
        KernelFloor.Result floor = KernelFloor.measure(50, 2, false, System.out);
        assertThat(floor.p99Millis()).isPositive();
        assertThat(floor.cpuMicrosPerWrite()).isGreaterThanOrEqualTo(0);
        assertThat(floor.kernelShare()).isBetween(0.0, 1.0);
    }
}
