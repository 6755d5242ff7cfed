package dev.wspair.sample.clickcounter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.wspair.testing.PrometheusDashboard;
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
 * every connection metric the dashboard's queries use exists in {@code /actuator/prometheus} with
 * every label the query uses, and every wspair series in the output is shown somewhere on the
 * dashboard. The click counter declares no Durable Objects, so the objects row is left to the
 * chat sample's test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.test.metrics.export=true")
class PrometheusDashboardTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Path DASHBOARD = Path.of("..", "dashboards", "wspair.json");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @LocalServerPort
    private int port;

    @Autowired
    private WebSocketConnections connections;

    @Test
    void everyMetricAndLabelTheDashboardQueriesIsInThePrometheusOutput() throws Exception {
        driveTraffic();
        String scrape = get("/actuator/prometheus");
        PrometheusDashboard dashboard = PrometheusDashboard.read(DASHBOARD);
        assertThat(dashboard.queries()).hasSizeGreaterThan(15);
        assertThat(dashboard.assertServes(scrape, metric -> !metric.startsWith("wspair_objects_")))
            .contains("wspair_connections_closed_total", "wspair_handshake_rejections_total", "wspair_listener_duration_seconds_count");
        assertThat(scrape).doesNotContain("wspair_objects_");
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
}
