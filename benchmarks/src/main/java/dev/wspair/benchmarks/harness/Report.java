package dev.wspair.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import dev.wspair.benchmarks.server.BenchSettings;
import dev.wspair.benchmarks.server.Contender;
import org.jspecify.annotations.Nullable;

/**
 * Writes a run's results: {@code measurements.csv} (every value of every repetition),
 * {@code summary.csv} (median, min and max per contender) and {@code steps.csv} under the results
 * directory, and the generated section of the Markdown report, between
 * {@value #BEGIN} and {@value #END}; the rest of the report is left as written.
 */
final class Report {

    static final String BEGIN = "<!-- BEGIN GENERATED RESULTS -->";

    static final String END = "<!-- END GENERATED RESULTS -->";

    private final RunConfig config;

    private final List<Scenario> scenarios;

    private final RunInfo info;

    private final Summary summary;

    private final List<Measurement> measurements;

    Report(RunConfig config, List<Scenario> scenarios, RunInfo info, List<Measurement> measurements) {
        this.config = config;
        this.scenarios = scenarios;
        this.info = info;
        this.measurements = measurements;
        this.summary = new Summary(measurements);
    }

    void write() throws IOException {
        Path results = this.config.resultsDirectory();
        Files.createDirectories(results);
        List<String> raw = new ArrayList<>(List.of("scenario,point,contender,repetition,metric,value"));
        this.measurements.forEach(m -> raw.add(String.join(",", m.scenario(), quote(m.point()), m.contender(), Integer.toString(m.repetition()),
                quote(m.metric()), number(m.value()))));
        Files.write(results.resolve("measurements.csv"), raw, StandardCharsets.UTF_8);
        List<String> medians = new ArrayList<>(List.of("scenario,point,metric,contender,median,min,max,repetitions"));
        this.summary.forEach((key, stats) -> medians.add(String.join(",", key.scenario(), quote(key.point()), quote(key.metric()), key.contender(),
                number(stats.median()), number(stats.min()), number(stats.max()), Integer.toString(stats.count()))));
        Files.write(results.resolve("summary.csv"), medians, StandardCharsets.UTF_8);
        List<String> steps = new ArrayList<>(List.of("scenario,contender,repetition,seconds,load1"));
        steps.addAll(this.info.steps());
        Files.write(results.resolve("steps.csv"), steps, StandardCharsets.UTF_8);
        writeMarkdown();
    }

    private void writeMarkdown() throws IOException {
        Path file = this.config.reportFile();
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " has no '" + BEGIN + "' … '" + END + "' section to replace");
        }
        String updated = existing.substring(0, begin + BEGIN.length()) + "\n" + markdown() + existing.substring(end);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("\n## Results of the last run\n\n");
        md.append("- **Command:** `").append(this.info.command()).append("`\n");
        md.append("- **Run:** ").append(this.config.name()).append(", ").append(this.config.repetitions()).append(" repetitions, started ")
            .append(this.info.started()).append(", took ").append(Runner.format(this.info.duration())).append("\n");
        md.append("- **Machine:** ").append(this.info.machine()).append("\n");
        md.append("- **Load average** (1, 5, 15 min): ").append(this.info.loadAtStart()).append(" at the start, ")
            .append(this.info.loadAtEnd()).append(" at the end\n");
        md.append("- **JVM:** ").append(this.info.java()).append("\n");
        md.append("- **Server JVM flags** (every contender): `").append(String.join(" ", this.info.serverFlags())).append("`\n");
        md.append("- **Generator JVM flags:** `").append(String.join(" ", this.info.generatorFlags())).append("`\n");
        md.append("- **Pinning:** ").append(this.info.pinning()).append("\n");
        md.append("- **wspair settings:** ").append(BenchSettings.WSPAIR).append("\n\n");
        md.append("Busiest processes when the run started (`ps -eo pcpu,rss,args --sort=-pcpu`):\n\n```\n")
            .append(this.info.busiestAtStart()).append("\n```\n\n");
        md.append("Every cell is the median over the repetitions with the range (min–max) in brackets; ratios are ratios of medians.\n\n");
        md.append(new Targets(this.summary).markdown());
        for (Scenario scenario : this.scenarios) {
            md.append("\n### ").append(scenario.title()).append("\n\n");
            md.append(table(scenario));
        }
        return md.toString();
    }

    private String table(Scenario scenario) {
        List<String> contenders = scenario.contenders().stream().map(Contender::id).toList();
        Set<List<String>> rows = new LinkedHashSet<>();
        this.measurements.stream().filter(m -> m.scenario().equals(scenario.id())).forEach(m -> rows.add(List.of(m.point(), m.metric())));
        StringBuilder md = new StringBuilder("| Point | Metric | ").append(String.join(" | ", contenders)).append(" |\n|---|---|");
        md.append("---|".repeat(contenders.size())).append("\n");
        for (List<String> row : rows) {
            md.append("| ").append(row.get(0)).append(" | ").append(row.get(1)).append(" |");
            for (String contender : contenders) {
                Summary.Stats stats = this.summary.get(scenario.id(), row.get(0), row.get(1), contender);
                md.append(" ").append(stats == null ? "–" : stats.cell()).append(" |");
            }
            md.append("\n");
        }
        return md.toString();
    }

    private static String quote(String value) {
        return value.contains(",") ? "\"" + value + "\"" : value;
    }

    static String number(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.4g", value);
    }

    /** Median, min and max per scenario, point, metric and contender. */
    static final class Summary {

        record Key(String scenario, String point, String metric, String contender) {
        }

        record Stats(double median, double min, double max, int count) {

            String cell() {
                if (this.count == 1) {
                    return human(this.median);
                }
                return human(this.median) + " (" + human(this.min) + "–" + human(this.max) + ")";
            }
        }

        private final Map<Key, Stats> stats = new LinkedHashMap<>();

        Summary(List<Measurement> measurements) {
            Map<Key, List<Double>> values = measurements.stream().collect(Collectors.groupingBy(
                    m -> new Key(m.scenario(), m.point(), m.metric(), m.contender()), LinkedHashMap::new,
                    Collectors.mapping(Measurement::value, Collectors.toList())));
            values.forEach((key, list) -> {
                double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                this.stats.put(key, new Stats(FanOutScenario.median(sorted), sorted[0], sorted[sorted.length - 1], sorted.length));
            });
        }

        @Nullable Stats get(String scenario, String point, String metric, String contender) {
            return this.stats.get(new Key(scenario, point, metric, contender));
        }

        double median(String scenario, String point, String metric, String contender) {
            Stats found = get(scenario, point, metric, contender);
            return (found == null) ? Double.NaN : found.median();
        }

        void forEach(BiConsumer<Key, Stats> action) {
            this.stats.forEach(action);
        }

        List<String> points(String scenario) {
            return this.stats.keySet().stream().filter(key -> key.scenario().equals(scenario)).map(Key::point).distinct().toList();
        }

        static String human(double value) {
            if (Double.isNaN(value)) {
                return "n/a";
            }
            double abs = Math.abs(value);
            if (abs >= 1000) {
                return String.format(Locale.ROOT, "%,.0f", value);
            }
            if (abs >= 10) {
                return String.format(Locale.ROOT, "%.1f", value);
            }
            return String.format(Locale.ROOT, "%.2f", value);
        }
    }
}
