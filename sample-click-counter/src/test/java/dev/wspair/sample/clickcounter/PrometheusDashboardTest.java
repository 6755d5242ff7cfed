package dev.wspair.sample.clickcounter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wspair.testing.RawWebSocket;
import dev.wspair.webflux.WebSocketConnections;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard against the sample's real Prometheus output: after real WebSocket traffic,
 * every metric the dashboard's queries use exists in {@code /actuator/prometheus} with every label
 * the query uses, and every wspair series in the output is shown somewhere on the dashboard.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.test.metrics.export=true")
class PrometheusDashboardTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Path DASHBOARD = Path.of("..", "dashboards", "wspair.json");

    /** Labels Prometheus adds to every series when it scrapes, so they are never in the output itself. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    private static final Pattern METRIC = Pattern.compile("\\bwspair_[a-z0-9_]+");

    private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)}");

    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");

    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");

    private static final Pattern SAMPLE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @LocalServerPort
    private int port;

    @Autowired
    private WebSocketConnections connections;

    @Test
    void everyMetricAndLabelTheDashboardQueriesIsInThePrometheusOutput() throws Exception {
        driveTraffic();
        Map<String, List<Set<String>>> scraped = parseScrape(get("/actuator/prometheus"));
        List<String> queries = dashboardQueries(JsonMapper.builder().build().readTree(Files.readString(DASHBOARD)));
        assertThat(queries).hasSizeGreaterThan(15);

        Set<String> queried = new TreeSet<>();
        for (String query : queries) {
            Set<String> labels = labelsOf(query);
            List<String> metrics = METRIC.matcher(query).results().map(MatchResult::group).toList();
            assertThat(metrics).as("metrics in %s", query).isNotEmpty();
            for (String metric : metrics) {
                queried.add(metric);
                assertThat(scraped).as("the scrape has %s, used by %s", metric, query).containsKey(metric);
                assertThat(scraped.get(metric)).as("a series of %s with the labels %s, used by %s", metric, labels, query)
                    .anySatisfy(seriesLabels -> assertThat(seriesLabels).containsAll(labels));
            }
        }
        Set<String> exported = new TreeSet<>(scraped.keySet());
        exported.removeIf(name -> !name.startsWith("wspair_"));
        assertThat(queried).as("every wspair series is on the dashboard").containsAll(exported);
        assertThat(exported).contains("wspair_connections_closed_total", "wspair_handshake_rejections_total",
                "wspair_listener_duration_seconds_count");
    }

    /**
     * Three clients click ten times each; the endpoint lists them; then one closes normally, one
     * with an application code and one drops its connection; a fourth handshake is refused.
     */
    private void driveTraffic() throws Exception {
        List<RawWebSocket> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            RawWebSocket client = RawWebSocket.open(this.port, "/ws");
            clients.add(client);
            for (int i = 0; i < 10; i++) {
                client.sendText("CLICK");
                assertThat(client.readFrame().text()).startsWith("{\"count\":");
            }
        }
        JsonNode endpoint = JsonMapper.builder().build().readTree(get("/actuator/wspair"));
        assertThat(endpoint.at("/routes/~1ws/connections").asInt()).isEqualTo(3);
        assertThat(endpoint.at("/sockets/content")).hasSize(3);
        assertThat(endpoint.at("/usage/messagesIn").asLong()).isGreaterThanOrEqualTo(30);

        try (RawWebSocket refused = RawWebSocket.connect(this.port,
                RawWebSocket.handshake("/ws", Base64.getEncoder().encodeToString(new byte[4])))) {
            assertThat(refused.readResponse().status()).isEqualTo(400);
        }
        clients.get(0).sendClose(1000, "");
        assertThat(clients.get(0).readUntilClose().closeCode()).isEqualTo(1000);
        clients.get(1).sendClose(4000, "bye");
        assertThat(clients.get(1).readUntilClose().closeCode()).isEqualTo(4000);
        for (RawWebSocket client : clients) {
            client.close();
        }
        await().atMost(TIMEOUT).until(() -> this.connections.size() == 0);
    }

    private String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .timeout(TIMEOUT)
            .header("Accept", "text/plain;version=0.0.4, application/json")
            .build();
        HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
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

    /** The PromQL of every panel (rows' nested panels included) and of every query variable. */
    private static List<String> dashboardQueries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        collectPanelQueries(dashboard.get("panels"), queries);
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if ("query".equals(variable.path("type").asString())) {
                queries.add(variable.get("definition").asString());
            }
        }
        return queries;
    }

    private static void collectPanelQueries(JsonNode panels, List<String> queries) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(target -> queries.add(target.get("expr").asString()));
            if (panel.has("panels")) {
                collectPanelQueries(panel.get("panels"), queries);
            }
        }
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
