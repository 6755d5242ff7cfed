package dev.wspair.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Grafana dashboard's PromQL checked against a real Prometheus scrape: every metric a panel or
 * query variable uses must be in the scrape with every label the query selects or groups by, and
 * every {@code wspair_} series in the scrape must be on the dashboard. Both samples' dashboard
 * tests use it on {@code dashboards/wspair.json}.
 */
public final class PrometheusDashboard {

    /** Labels Prometheus adds to every series when it scrapes, so they are never in the output itself. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    private static final Pattern METRIC = Pattern.compile("\\bwspair_[a-z0-9_]+");

    private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)}");

    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");

    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");

    private static final Pattern SAMPLE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    private final List<String> queries;

    private PrometheusDashboard(List<String> queries) {
        this.queries = queries;
    }

    /**
     * Reads a dashboard's queries: the PromQL of every panel (rows' nested panels included) and of
     * every query variable.
     * @param file the dashboard JSON
     * @return the dashboard
     * @throws IOException if the file cannot be read
     */
    public static PrometheusDashboard read(Path file) throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
        List<String> queries = new ArrayList<>();
        collectPanelQueries(dashboard.get("panels"), queries);
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if ("query".equals(variable.path("type").asString())) {
                queries.add(variable.get("definition").asString());
            }
        }
        return new PrometheusDashboard(List.copyOf(queries));
    }

    private static void collectPanelQueries(JsonNode panels, List<String> queries) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(target -> queries.add(target.get("expr").asString()));
            if (panel.has("panels")) {
                collectPanelQueries(panel.get("panels"), queries);
            }
        }
    }

    /**
     * The dashboard's queries.
     * @return the PromQL expressions
     */
    public List<String> queries() {
        return this.queries;
    }

    /**
     * Asserts that every metric the queries use, among those selected, is in the scrape with the
     * labels its query uses, and that every {@code wspair_} series of the scrape is queried.
     * @param scrape the Prometheus text output
     * @param checked which metrics must be in the scrape, for an application that does not use
     * every feature the dashboard shows
     * @return the metrics checked
     */
    public Set<String> assertServes(String scrape, Predicate<String> checked) {
        Map<String, List<Set<String>>> scraped = parseScrape(scrape);
        Set<String> queried = new TreeSet<>();
        Set<String> verified = new TreeSet<>();
        for (String query : this.queries) {
            Set<String> labels = labelsOf(query);
            List<String> metrics = METRIC.matcher(query).results().map(MatchResult::group).toList();
            assertThat(metrics).as("metrics in %s", query).isNotEmpty();
            queried.addAll(metrics);
            for (String metric : metrics.stream().filter(checked).toList()) {
                verified.add(metric);
                assertThat(scraped).as("the scrape has %s, used by %s", metric, query).containsKey(metric);
                assertThat(scraped.get(metric)).as("a series of %s with the labels %s, used by %s", metric, labels, query)
                    .anySatisfy(seriesLabels -> assertThat(seriesLabels).containsAll(labels));
            }
        }
        Set<String> exported = new TreeSet<>(scraped.keySet());
        exported.removeIf(name -> !name.startsWith("wspair_"));
        assertThat(queried).as("every wspair series is on the dashboard").containsAll(exported);
        return verified;
    }

    /** Series names of the Prometheus text format, each with the label names of every series. */
    private static Map<String, List<Set<String>>> parseScrape(String scrape) {
        Map<String, List<Set<String>>> series = new HashMap<>();
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Set<String> labels = new HashSet<>();
            if (sample.group(2) != null) {
                SAMPLE_LABEL.matcher(sample.group(2)).results().forEach(label -> labels.add(label.group(1)));
            }
            series.computeIfAbsent(sample.group(1), name -> new ArrayList<>()).add(labels);
        }
        return series;
    }

    /** Labels a query selects or groups by, and a {@code label_values} variable's label. */
    private static Set<String> labelsOf(String query) {
        Set<String> labels = new HashSet<>();
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            labels.add(labelValues.group(2));
        }
        SELECTOR.matcher(query).results()
            .forEach(selector -> MATCHER.matcher(selector.group(1)).results().forEach(matcher -> labels.add(matcher.group(1))));
        GROUPING.matcher(query).results()
            .forEach(grouping -> {
                for (String label : grouping.group(1).split(",")) {
                    if (!label.isBlank()) {
                        labels.add(label.trim());
                    }
                }
            });
        labels.removeAll(TARGET_LABELS);
        return labels;
    }
}
