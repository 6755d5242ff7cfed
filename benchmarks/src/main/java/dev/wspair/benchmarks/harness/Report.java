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
 * Writes the results: {@code measurements.csv} (every value of every repetition),
 * {@code summary.csv} (median, min and max per contender), {@code steps.csv} (one line per server
 * JVM) and {@code runs.csv} under the results directory, and the generated section of the
 * Markdown report, between {@value #BEGIN} and {@value #END}; the rest of the report is left as
 * written. A run of some scenarios ({@code --only}) replaces those scenarios' results and keeps
 * the others' from earlier runs; every line of the CSV files and every table of the report names
 * the run it came from.
 */
final class Report {

    static final String BEGIN = "<!-- BEGIN GENERATED RESULTS -->";

    static final String END = "<!-- END GENERATED RESULTS -->";

    private static final String MEASUREMENTS_HEADER = "run,scenario,point,contender,repetition,metric,value";

    private static final String STEPS_HEADER = "run,scenario,contender,repetition,seconds,load1";

    private static final String RUNS_HEADER = "run,command,repetitions,took,load at start,load at end";

    /** A measurement and the run it came from. */
    private record Tagged(String run, Measurement measurement) {
    }

    private final RunConfig config;

    private final List<Scenario> known;

    private final Set<String> ran;

    private final RunInfo info;

    private final String run;

    Report(RunConfig config, List<Scenario> known, List<Scenario> ran, RunInfo info) {
        this.config = config;
        this.known = known;
        this.ran = ran.stream().map(Scenario::id).collect(Collectors.toSet());
        this.info = info;
        this.run = info.started().toString();
    }

    /**
     * Merges this run's measurements with the kept ones of earlier runs and writes everything.
     * @param measurements this run's measurements
     * @return every measurement now in the results, this run's and the kept ones
     */
    List<Measurement> write(List<Measurement> measurements) throws IOException {
        Path results = this.config.resultsDirectory();
        Files.createDirectories(results);
        List<Tagged> all = new ArrayList<>(kept(read(results.resolve("measurements.csv"), MEASUREMENTS_HEADER), 1).stream()
            .map(fields -> new Tagged(fields.get(0), new Measurement(fields.get(1), fields.get(2), fields.get(3), Integer.parseInt(fields.get(4)),
                    fields.get(5), Double.parseDouble(fields.get(6)))))
            .toList());
        measurements.forEach(m -> all.add(new Tagged(this.run, m)));
        List<String> raw = new ArrayList<>(List.of(MEASUREMENTS_HEADER));
        all.forEach(t -> raw.add(Csv.line(t.run(), t.measurement().scenario(), t.measurement().point(), t.measurement().contender(),
                Integer.toString(t.measurement().repetition()), t.measurement().metric(), number(t.measurement().value()))));
        Files.write(results.resolve("measurements.csv"), raw, StandardCharsets.UTF_8);

        Summary summary = new Summary(all.stream().map(Tagged::measurement).toList());
        List<String> medians = new ArrayList<>(List.of("scenario,point,metric,contender,median,min,max,repetitions"));
        summary.forEach((key, stats) -> medians.add(Csv.line(key.scenario(), key.point(), key.metric(), key.contender(),
                number(stats.median()), number(stats.min()), number(stats.max()), Integer.toString(stats.count()))));
        Files.write(results.resolve("summary.csv"), medians, StandardCharsets.UTF_8);

        List<String> steps = new ArrayList<>(List.of(STEPS_HEADER));
        kept(read(results.resolve("steps.csv"), STEPS_HEADER), 1).forEach(fields -> steps.add(Csv.line(fields.toArray(String[]::new))));
        this.info.steps().forEach(step -> steps.add(Csv.line(this.run) + "," + step));
        Files.write(results.resolve("steps.csv"), steps, StandardCharsets.UTF_8);

        Map<String, String> runOf = new LinkedHashMap<>();
        all.forEach(t -> runOf.putIfAbsent(t.measurement().scenario(), t.run()));
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (List<String> fields : read(results.resolve("runs.csv"), RUNS_HEADER)) {
            if (runOf.containsValue(fields.get(0)) && !fields.get(0).equals(this.run)) {
                runs.put(fields.get(0), fields);
            }
        }
        runs.put(this.run, List.of(this.run, this.info.command(), Integer.toString(this.config.repetitions()), Runner.format(this.info.duration()),
                this.info.loadAtStart(), this.info.loadAtEnd()));
        List<String> runLines = new ArrayList<>(List.of(RUNS_HEADER));
        runs.values().forEach(fields -> runLines.add(Csv.line(fields.toArray(String[]::new))));
        Files.write(results.resolve("runs.csv"), runLines, StandardCharsets.UTF_8);

        writeMarkdown(summary, all, runOf, runs);
        return all.stream().map(Tagged::measurement).toList();
    }

    /** The lines of an earlier run's CSV file whose scenario this run did not measure, as fields. */
    private List<List<String>> kept(List<List<String>> lines, int scenarioField) {
        return lines.stream().filter(fields -> !this.ran.contains(fields.get(scenarioField))).toList();
    }

    private static List<List<String>> read(Path file, String header) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new IllegalStateException(file + " does not start with '" + header + "'; move it away to start the results afresh");
        }
        return lines.stream().skip(1).filter(line -> !line.isBlank()).map(Csv::fields).toList();
    }

    private void writeMarkdown(Summary summary, List<Tagged> all, Map<String, String> runOf, Map<String, List<String>> runs) throws IOException {
        Path file = this.config.reportFile();
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " has no '" + BEGIN + "' … '" + END + "' section to replace");
        }
        String updated = existing.substring(0, begin + BEGIN.length()) + "\n" + markdown(summary, all, runOf, runs) + existing.substring(end);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    private String markdown(Summary summary, List<Tagged> all, Map<String, String> runOf, Map<String, List<String>> runs) {
        StringBuilder md = new StringBuilder();
        md.append("\n## Results\n\n");
        md.append("Each scenario's table comes from the last run that measured it:\n\n");
        md.append("| Run (started) | Command | Repetitions | Took | Load average at the start, at the end | Scenarios |\n|---|---|---|---|---|---|\n");
        runs.forEach((id, fields) -> md.append("| ").append(id).append(" | `").append(fields.get(1).strip()).append("` | ").append(fields.get(2))
            .append(" | ").append(fields.get(3)).append(" | ").append(fields.get(4)).append("; ").append(fields.get(5)).append(" | ")
            .append(runOf.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).collect(Collectors.joining(", ")))
            .append(" |\n"));
        md.append("\nThe latest run (").append(this.run).append("):\n\n");
        md.append("- **Machine:** ").append(this.info.machine()).append("\n");
        md.append("- **JVM:** ").append(this.info.java()).append("\n");
        md.append("- **Server JVM flags** (every contender): `").append(String.join(" ", this.info.serverFlags())).append("`\n");
        md.append("- **Generator JVM flags:** `").append(String.join(" ", this.info.generatorFlags())).append("`\n");
        md.append("- **Pinning:** ").append(this.info.pinning()).append("\n");
        md.append("- **wspair settings:** ").append(BenchSettings.WSPAIR).append("\n\n");
        md.append("Busiest processes when it started (`ps -eo pcpu,rss,args --sort=-pcpu`):\n\n```\n")
            .append(this.info.busiestAtStart()).append("\n```\n\n");
        md.append("Every cell is the median over the repetitions with the range (min–max) in brackets; ratios are ratios of medians.\n\n");
        md.append(new Targets(summary).markdown());
        for (Scenario scenario : this.known) {
            String from = runOf.get(scenario.id());
            if (from != null) {
                md.append("\n### ").append(scenario.title()).append("\n\n");
                md.append("Run ").append(from).append(".\n\n");
                md.append(table(scenario, summary, all));
            }
        }
        return md.toString();
    }

    private static String table(Scenario scenario, Summary summary, List<Tagged> all) {
        List<String> contenders = scenario.contenders().stream().map(Contender::id).toList();
        Set<List<String>> rows = new LinkedHashSet<>();
        all.stream().map(Tagged::measurement).filter(m -> m.scenario().equals(scenario.id())).forEach(m -> rows.add(List.of(m.point(), m.metric())));
        StringBuilder md = new StringBuilder("| Point | Metric | ").append(String.join(" | ", contenders)).append(" |\n|---|---|");
        md.append("---|".repeat(contenders.size())).append("\n");
        for (List<String> row : rows) {
            md.append("| ").append(row.get(0)).append(" | ").append(row.get(1)).append(" |");
            for (String contender : contenders) {
                Summary.Stats stats = summary.get(scenario.id(), row.get(0), row.get(1), contender);
                md.append(" ").append(stats == null ? "–" : stats.cell()).append(" |");
            }
            md.append("\n");
        }
        return md.toString();
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
