package dev.wspair.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wspair.autoconfigure.metrics.WspairMeters;
import dev.wspair.objects.Evictions;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.storage.SqliteObjectStore;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.webflux.WebSocketConnections;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable Objects observed over a real server, real clients and a real SQLite file: exact meter
 * values for known traffic, the endpoint's {@code objects} section and socket tags before and
 * after eviction, a commit SQLite refuses counted for its namespace, and the health indicator
 * DOWN while SQLite refuses writes and UP again after.
 */
@SpringBootTest(classes = ObjectsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "wspair.objects.idle-timeout=1h", "management.endpoints.web.exposure.include=health,wspair",
                "management.endpoint.health.show-details=always" })
class ObjectsObservabilityIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final List<RawWebSocket> clients = new ArrayList<>();

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private ObjectNamespaces runtime;

    @Autowired
    private SqliteObjectStore store;

    @Autowired
    private WebSocketConnections connections;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry properties) throws Exception {
        Path data = Files.createTempDirectory("wspair-objects-observability");
        properties.add("wspair.objects.data-directory", data::toString);
    }

    /** Each test starts with no sockets and no objects in memory. */
    @AfterEach
    void closeClientsAndEvictObjects() throws Exception {
        for (RawWebSocket client : this.clients) {
            client.close();
        }
        await().atMost(TIMEOUT).until(() -> this.connections.size() == 0 && this.runtime.stats().hibernatableSockets() == 0);
        await().atMost(TIMEOUT).until(() -> {
            Evictions.evictIdle(this.runtime);
            return this.runtime.stats().liveInstances() == 0;
        });
    }

    private RawWebSocket join(String path) throws Exception {
        RawWebSocket client = RawWebSocket.open(this.port, path);
        this.clients.add(client);
        return client;
    }

    private static void store(RawWebSocket client, String text) throws Exception {
        client.sendText(text);
        assertThat(client.readFrame().text()).isEqualTo("stored " + text);
    }

    private double gauge(String name, String namespace) {
        return this.registry.get(name).tag(WspairMeters.NAMESPACE, namespace).gauge().value();
    }

    private double counter(String name, String namespace) {
        return this.registry.get(name).tag(WspairMeters.NAMESPACE, namespace).functionCounter().count();
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(TIMEOUT).build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private void sqlite(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.store.file());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void threeSocketsInTwoRoomsSixCommitsThenEviction() throws Exception {
        Timer commits = this.registry.get(WspairMeters.OBJECTS_STORAGE_COMMIT).timer();
        long commitsBefore = commits.count();
        RawWebSocket alice = join("/rooms/a?user=alice");
        RawWebSocket bob = join("/rooms/a?user=bob");
        RawWebSocket carol = join("/rooms/b?user=carol");
        for (RawWebSocket client : List.of(alice, bob, carol)) {
            store(client, "one");
            store(client, "two");
        }
        assertThat(commits.count() - commitsBefore).as("one transaction per message, sent one after the other").isEqualTo(6);
        assertThat(commits.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(gauge(WspairMeters.OBJECTS_LIVE, "rooms")).isEqualTo(2);
        assertThat(gauge(WspairMeters.OBJECTS_HIBERNATABLE_SOCKETS, "rooms")).isEqualTo(3);
        assertThat(counter(WspairMeters.OBJECTS_EVICTIONS, "rooms")).isZero();
        assertThat(gauge(WspairMeters.OBJECTS_LIVE, "counters")).isZero();

        JsonNode live = json("/actuator/wspair", 200);
        assertThat(live.at("/objects/namespaces/rooms").toString()).isEqualTo("{\"live\":2,\"evicted\":0,\"sockets\":3}");
        assertThat(live.at("/objects/namespaces/counters").toString()).isEqualTo("{\"live\":0,\"evicted\":0,\"sockets\":0}");
        assertThat(live.at("/objects/total").asInt()).isEqualTo(2);
        List<String> socketTags = new ArrayList<>();
        live.at("/sockets/content").forEach(socket -> socketTags.add(socket.get("tags").toString()));
        assertThat(socketTags).containsExactly("[\"user:alice\",\"room:a\"]", "[\"user:bob\",\"room:a\"]", "[\"user:carol\",\"room:b\"]");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Evictions.evictIdle(this.runtime);
            assertThat(counter(WspairMeters.OBJECTS_EVICTIONS, "rooms")).isEqualTo(2);
        });
        assertThat(gauge(WspairMeters.OBJECTS_LIVE, "rooms")).isZero();
        assertThat(gauge(WspairMeters.OBJECTS_HIBERNATABLE_SOCKETS, "rooms")).as("sockets stay connected").isEqualTo(3);
        JsonNode evicted = json("/actuator/wspair?size=1&page=1", 200);
        assertThat(evicted.at("/objects/namespaces/rooms").toString()).isEqualTo("{\"live\":0,\"evicted\":2,\"sockets\":3}");
        assertThat(evicted.at("/objects/total").asInt()).isEqualTo(2);
        assertThat(evicted.at("/objects/content")).hasSize(1);
        JsonNode second = evicted.at("/objects/content/0");
        assertThat(second.get("namespace").asString()).isEqualTo("rooms");
        assertThat(second.get("state").asString()).isEqualTo("evicted");
        assertThat(second.get("id").asString()).hasSize(64);
        assertThat(second.get("name").asString()).isIn("a", "b");
        assertThat(second.get("sockets").asInt()).isEqualTo(second.get("name").asString().equals("a") ? 2 : 1);
        assertThat(evicted.at("/sockets/content/0/tags").toString()).as("the second socket, tags intact after eviction").isEqualTo("[\"user:bob\",\"room:a\"]");

        store(alice, "three");
        assertThat(gauge(WspairMeters.OBJECTS_LIVE, "rooms")).as("the message recreated room a").isEqualTo(1);
        assertThat(commits.count() - commitsBefore).isEqualTo(7);
    }

    @Test
    void aCommitSqliteRefusesIsCountedAndReportedByHealth() throws Exception {
        sqlite("CREATE TRIGGER refuse_two BEFORE INSERT ON wspair_kv WHEN NEW.key = CAST('count' AS BLOB) "
                + "AND CAST(NEW.value AS TEXT) = '2' BEGIN SELECT RAISE(ABORT, 'no second increment'); END");
        try {
            RawWebSocket dave = join("/counters/c");
            dave.sendText("one");
            assertThat(dave.readFrame().text()).isEqualTo("ack one #1");
            dave.sendText("two");
            await().atMost(TIMEOUT).until(() -> counter(WspairMeters.OBJECTS_STORAGE_COMMIT_FAILURES, "counters") == 1);
            assertThat(counter(WspairMeters.OBJECTS_STORAGE_COMMIT_FAILURES, "rooms")).isZero();

            JsonNode health = json("/actuator/health/wspairObjects", 200);
            assertThat(health.get("status").asString()).as("the store itself works").isEqualTo("UP");
            assertThat(health.at("/details/store").asString()).isEqualTo("SqliteObjectStore");
            assertThat(health.at("/details/commitFailures").asLong()).isEqualTo(1);
            assertThat(health.at("/details/lastCommitFailure").asString()).isNotEmpty();
            assertThat(health.at("/details/hibernatableSockets").asLong()).isEqualTo(1);

            sqlite("DROP TRIGGER refuse_two");
            dave.sendText("three");
            assertThat(dave.readFrame().text()).as("no reply to the refused increment, then the object works again").isEqualTo("ack three #2");
            assertThat(counter(WspairMeters.OBJECTS_STORAGE_COMMIT_FAILURES, "counters")).isEqualTo(1);
        }
        finally {
            sqlite("DROP TRIGGER IF EXISTS refuse_two");
        }
    }

    @Test
    void healthIsDownWhileSqliteRefusesWritesAndUpAfter() throws Exception {
        assertThat(json("/actuator/health/wspairObjects", 200).get("status").asString()).isEqualTo("UP");
        sqlite("CREATE TRIGGER refuse_probe BEFORE INSERT ON wspair_health BEGIN SELECT RAISE(ABORT, 'disk is read-only'); END");
        try {
            JsonNode down = json("/actuator/health/wspairObjects", 503);
            assertThat(down.get("status").asString()).isEqualTo("DOWN");
            assertThat(down.at("/details/error").asString()).contains("Writing to " + this.store.file() + " failed", "disk is read-only");
            assertThat(json("/actuator/health", 503).at("/components/wspair/status").asString())
                .as("the connections' own indicator is unaffected").isEqualTo("UP");
        }
        finally {
            sqlite("DROP TRIGGER refuse_probe");
        }
        assertThat(json("/actuator/health/wspairObjects", 200).get("status").asString()).isEqualTo("UP");
    }
}
