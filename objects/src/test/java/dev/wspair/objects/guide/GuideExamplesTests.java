package dev.wspair.objects.guide;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.ObjectSettings;
import dev.wspair.objects.TextClient;
import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;

/** The guide's counter and chat room, wired as the guide wires them, over a real server. */
class GuideExamplesTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String get(TestServer server, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void counterCountsPerName() throws Exception {
        try (InMemoryObjectStore store = new InMemoryObjectStore();
                ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()), ObjectSettings.defaults())) {
            ObjectNamespace<Counter> counters = runtime.create("counters", Counter::new);
            try (TestServer server = TestServer.start(WebSocketSettings.defaults(), RouterFunctions.route()
                .GET("/counter/{action}", request -> counters.getByName(request.queryParam("name").orElse("default")).fetch(request))
                .build())) {
                assertThat(get(server, "/counter/increment?name=a")).isEqualTo("1");
                assertThat(get(server, "/counter/increment?name=a")).isEqualTo("2");
                assertThat(get(server, "/counter/decrement?name=b")).isEqualTo("-1");
                assertThat(get(server, "/counter/current?name=a")).isEqualTo("2");
                Integer rpc = counters.getByName("a").call(counter -> counter.increment(1)).block(Duration.ofSeconds(5));
                assertThat(rpc).isEqualTo(3);
            }
        }
    }

    @Test
    void chatRoomBroadcastsReplaysHistoryAndAnswersPings() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        try (InMemoryObjectStore store = new InMemoryObjectStore();
                ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(json), ObjectSettings.defaults())) {
            ObjectNamespace<ChatRoom> rooms = runtime.create("rooms", state -> new ChatRoom(state, json));
            try (TestServer server = TestServer.start(WebSocketSettings.defaults(), RouterFunctions.route()
                .GET("/rooms/{room}/websocket", request -> rooms.getByName(request.pathVariable("room")).fetch(request))
                .build());
                    var ann = TextClient.connect(server.url("/rooms/lobby/websocket?name=ann"));
                    var bob = TextClient.connect(server.url("/rooms/lobby/websocket?name=bob"))) {
                ann.send("hello");
                assertThat(ann.next()).isEqualTo("{\"name\":\"ann\",\"text\":\"hello\"}");
                assertThat(bob.next()).isEqualTo("{\"name\":\"ann\",\"text\":\"hello\"}");
                bob.send("ping");
                assertThat(bob.next()).isEqualTo("pong");
                try (var cid = TextClient.connect(server.url("/rooms/lobby/websocket?name=cid"))) {
                    assertThat(cid.next()).as("history replayed to a newcomer").isEqualTo("{\"name\":\"ann\",\"text\":\"hello\"}");
                }
                assertThat(ann.next()).isEqualTo("{\"name\":\"system\",\"text\":\"cid left\"}");
                bob.close();
                assertThat(ann.next()).isEqualTo("{\"name\":\"system\",\"text\":\"bob left\"}");
            }
        }
    }
}
