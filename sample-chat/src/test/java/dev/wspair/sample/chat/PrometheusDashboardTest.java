package dev.wspair.sample.chat;

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
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard against the chat's real Prometheus output: after real chat traffic in two
 * rooms, every metric the dashboard's queries use, the Durable Objects row included, exists in
 * {@code /actuator/prometheus} with every label the query uses, and every wspair series in the
 * output is on the dashboard. The {@code wspair} endpoint lists the rooms and the members' tags.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.test.metrics.export=true",
        "wspair.objects.store=memory", "wspair.limits.handshakes-per-second-per-address=10000", "wspair.limits.handshake-burst=10000" })
@Import(TestClock.Ticking.class)
class PrometheusDashboardTest {

    private static final Duration TIMEOUT = ChatClient.TIMEOUT;

    private static final Path DASHBOARD = Path.of("..", "dashboards", "wspair.json");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @LocalServerPort
    private int port;

    @Autowired
    private WebSocketConnections connections;

    @Test
    void everyMetricAndLabelTheDashboardQueriesIsInThePrometheusOutput() throws Exception {
        List<ChatClient> members = new ArrayList<>();
        try {
            members.add(ChatClient.join(this.port, "metrics", "alice"));
            members.add(ChatClient.join(this.port, "metrics", "bob"));
            assertThat(members.get(0).next()).isEqualTo("{\"joined\":\"bob\"}");
            members.add(ChatClient.join(this.port, "metrics-too", "carol"));
            for (int i = 0; i < 5; i++) {
                members.get(0).say("hello " + i);
                assertThat(members.get(0).next()).contains("hello " + i);
                assertThat(members.get(1).next()).contains("hello " + i);
            }
            try (RawWebSocket refused = RawWebSocket.connect(this.port,
                    RawWebSocket.handshake("/api/room/metrics/websocket", Base64.getEncoder().encodeToString(new byte[4])))) {
                assertThat(refused.readResponse().status()).isEqualTo(400);
            }

            JsonNode endpoint = JSON.readTree(get("/actuator/wspair"));
            assertThat(endpoint.at("/routes/~1api~1room~1{name}~1websocket/connections").asInt()).isEqualTo(3);
            assertThat(endpoint.at("/objects/namespaces/rooms").toString()).isEqualTo("{\"live\":2,\"evicted\":0,\"sockets\":3}");
            List<String> rooms = new ArrayList<>();
            endpoint.at("/objects/content").forEach(room -> rooms.add(room.get("name").asString() + "=" + room.get("sockets").asInt()));
            assertThat(rooms).containsExactlyInAnyOrder("metrics=2", "metrics-too=1");
            endpoint.at("/sockets/content").forEach(socket -> assertThat(socket.get("tags").toString()).isEqualTo("[\"ip:127.0.0.1\"]"));

            assertThat(get("/actuator/prometheus")).contains("wspair_objects_hibernatable_sockets{namespace=\"rooms\"} 3.0",
                    "wspair_objects_live{namespace=\"rooms\"} 2.0");
        }
        finally {
            for (ChatClient member : members) {
                member.close();
            }
        }
        await().atMost(TIMEOUT).until(() -> this.connections.size() == 0);

        String scrape = get("/actuator/prometheus");
        assertThat(PrometheusDashboard.read(DASHBOARD).assertServes(scrape, metric -> true)).contains(
                "wspair_objects_live", "wspair_objects_evictions_total", "wspair_objects_hibernatable_sockets",
                "wspair_objects_storage_commit_seconds_count", "wspair_objects_storage_commit_failures_total");
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
