package dev.wspair.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wspair.autoconfigure.ObservedServerTest;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.webflux.WebSocketConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code wspair} endpoint and health indicator over HTTP, against real connections. */
@ObservedServerTest
@ExtendWith(NoLeaks.class)
class WspairEndpointIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final JsonMapper json = JsonMapper.builder().build();

    private final List<RawWebSocket> clients = new ArrayList<>();

    @LocalServerPort
    private int port;

    @Autowired
    private WebSocketConnections connections;

    @AfterEach
    void closeClients() throws Exception {
        for (RawWebSocket client : this.clients) {
            client.close();
        }
        await().atMost(TIMEOUT).until(() -> this.connections.size() == 0);
    }

    private RawWebSocket echoClient(String text) throws Exception {
        RawWebSocket client = RawWebSocket.open(this.port, "/echo");
        this.clients.add(client);
        client.sendText(text);
        assertThat(client.readFrame().text()).isEqualTo(text);
        return client;
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(TIMEOUT).build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode read(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return this.json.readTree(response.body());
    }

    @Test
    void listsRoutesUsageAndOnePageOfSocketsOldestFirst() throws Exception {
        echoClient("one");
        echoClient("two");
        echoClient("three");
        JsonNode body = read(get("/actuator/wspair?page=1&size=2"), 200);
        assertThat(body.get("connections").asInt()).isEqualTo(3);
        assertThat(body.at("/routes/~1echo/connections").asInt()).isEqualTo(3);
        assertThat(body.at("/routes/~1echo/usage/connections").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(body.at("/routes/~1echo/usage/messagesIn").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(body.at("/usage/connectionSeconds").asDouble()).isPositive();
        JsonNode sockets = body.get("sockets");
        assertThat(sockets.get("page").asInt()).isEqualTo(1);
        assertThat(sockets.get("size").asInt()).isEqualTo(2);
        assertThat(sockets.get("total").asInt()).isEqualTo(3);
        assertThat(sockets.get("content")).hasSize(1);
        JsonNode third = sockets.get("content").get(0);
        assertThat(third.get("route").asString()).isEqualTo("/echo");
        assertThat(third.get("remoteAddress").asString()).startsWith("127.0.0.1:");
        assertThat(third.get("messagesIn").asLong()).isEqualTo(1);
        assertThat(third.get("bytesIn").asLong()).isEqualTo(5);
        assertThat(third.get("messagesOut").asLong()).isEqualTo(1);
        assertThat(third.get("ageSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(third.get("queuedMessages").asInt()).isZero();
        assertThat(third.get("tags").isArray()).isTrue();
        JsonNode firstPage = read(get("/actuator/wspair"), 200).get("sockets");
        assertThat(firstPage.get("size").asInt()).isEqualTo(WspairEndpoint.DEFAULT_PAGE_SIZE);
        assertThat(firstPage.get("content").get(2).get("id").asLong()).isEqualTo(third.get("id").asLong());
    }

    @Test
    void pageSizesAboveTheMaximumAreRefused() throws Exception {
        assertThat(get("/actuator/wspair?size=501").statusCode()).isEqualTo(400);
        assertThat(get("/actuator/wspair?page=-1").statusCode()).isEqualTo(400);
        assertThat(get("/actuator/wspair?size=500").statusCode()).isEqualTo(200);
    }

    @Test
    void showsOneSocketByIdAnd404ForOneThatIsNotOpen() throws Exception {
        echoClient("hello");
        long id = this.connections.list().get(0).id();
        JsonNode socket = read(get("/actuator/wspair/" + id), 200);
        assertThat(socket.get("id").asLong()).isEqualTo(id);
        assertThat(socket.get("bytesOut").asLong()).isEqualTo(5);
        assertThat(get("/actuator/wspair/" + (id + 1000)).statusCode()).isEqualTo(404);
    }

    @Test
    void closesOneSocketWithACodeAndReason() throws Exception {
        RawWebSocket client = echoClient("hi");
        RawWebSocket other = echoClient("there");
        long id = this.connections.list().get(0).id();

        JsonNode invalid = read(post("/actuator/wspair/" + id, "{\"code\": 1005}"), 400);
        assertThat(invalid.get("error").asString()).isEqualTo("Invalid WebSocket close code: 1005.");
        JsonNode tooLong = read(post("/actuator/wspair/" + id, "{\"code\": 4000, \"reason\": \"" + "x".repeat(124) + "\"}"), 400);
        assertThat(tooLong.get("error").asString())
            .isEqualTo("WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded.");
        JsonNode unknown = read(post("/actuator/wspair/" + (id + 1000), "{\"code\": 4000}"), 404);
        assertThat(unknown.get("error").asString()).isEqualTo("No open WebSocket with id " + (id + 1000));

        JsonNode closing = read(post("/actuator/wspair/" + id, "{\"code\": 4001, \"reason\": \"closed by an operator\"}"), 200);
        assertThat(closing.get("id").asLong()).isEqualTo(id);
        RawWebSocket.Frame close = client.readUntilClose();
        assertThat(close.closeCode()).isEqualTo(4001);
        assertThat(close.closeReason()).isEqualTo("closed by an operator");
        other.sendText("still open");
        assertThat(other.readFrame().text()).isEqualTo("still open");
    }

    @Test
    void healthReportsConnectionsAndQueueSaturation() throws Exception {
        echoClient("hi");
        JsonNode health = read(get("/actuator/health/wspair"), 200);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.at("/details/connections").asInt()).isEqualTo(1);
        assertThat(health.at("/details/saturatedConnections").asInt()).isZero();
        assertThat(health.at("/details/queueSaturation").asDouble()).isZero();
    }
}
