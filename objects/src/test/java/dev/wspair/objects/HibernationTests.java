package dev.wspair.objects;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * Hibernation over a real server: an idle object is evicted while its socket stays open, the
 * auto-response answers without recreating it, and the next message recreates it with the
 * socket's attachment and tags intact.
 */
class HibernationTests {

    /** What a room remembers about a member, kept as the socket's attachment. */
    record Member(String name, int joined) {
    }

    /** A room that tags sockets by user, remembers the member in the attachment, and answers "ping". */
    static final class Room implements DurableObject {

        private final DurableObjectState state;

        Room(DurableObjectState state, AtomicInteger constructed) {
            this.state = state;
            constructed.incrementAndGet();
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            String user = request.queryParam("user").orElse("anonymous");
            var pair = new WebSocketPair();
            this.state.acceptWebSocket(pair.server(), "user:" + user, "room");
            pair.server().serializeAttachment(new Member(user, this.state.getWebSockets().size()));
            this.state.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
            return WebSocketResponse.of(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, MessageEvent message) {
            Member member = ws.deserializeAttachment(Member.class);
            ws.send(message.text() + " from " + member + " tags=" + this.state.getTags(ws) + " in room=" + this.state.getWebSockets("room").size()
                    + " autoResponded=" + (this.state.getWebSocketAutoResponseTimestamp(ws) != null));
        }
    }

    @Test
    void evictedObjectKeepsItsSocketAnswersPingsAndWakesUpWithAttachmentAndTags() throws Exception {
        AtomicInteger constructed = new AtomicInteger();
        ObjectSettings settings = ObjectSettings.builder().idleTimeout(Duration.ofHours(1)).build();
        try (InMemoryObjectStore store = new InMemoryObjectStore();
                ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()), settings)) {
            ObjectNamespace<Room> rooms = runtime.create("rooms", state -> new Room(state, constructed));
            try (TestServer server = TestServer.start(WebSocketSettings.defaults(),
                    RouterFunctions.route(path("/room"), request -> rooms.getByName("lobby").fetch(request)));
                    TextClient alice = TextClient.connect(server.url("/room?user=alice"))) {
                alice.send("hello");
                assertThat(alice.next()).isEqualTo("hello from Member[name=alice, joined=1] tags=[user:alice, room] in room=1 autoResponded=false");
                assertThat(constructed.get()).isEqualTo(1);

                // The reply can reach the client before the event has finished on the object's thread,
                // and a busy object is not evicted: sweep until it is idle.
                await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
                    runtime.sweep(0);
                    assertThat(runtime.stats().evictions()).isEqualTo(1);
                });
                assertThat(runtime.stats().liveInstances()).isZero();
                assertThat(runtime.stats().hibernatableSockets()).as("the socket stays while the object is evicted").isEqualTo(1);
                assertThat(alice.closed).isNotDone();

                alice.send("ping");
                assertThat(alice.next()).isEqualTo("pong");
                assertThat(constructed.get()).as("the auto-response did not wake the object").isEqualTo(1);
                assertThat(runtime.stats().liveInstances()).isZero();

                alice.send("who");
                assertThat(alice.next()).isEqualTo("who from Member[name=alice, joined=1] tags=[user:alice, room] in room=1 autoResponded=true");
                assertThat(constructed.get()).as("the message recreated the object").isEqualTo(2);
            }
        }
    }

    @Test
    void closedSocketLeavesTheObjectAndItsCloseHandlerRuns() throws Exception {
        AtomicInteger constructed = new AtomicInteger();
        try (InMemoryObjectStore store = new InMemoryObjectStore();
                ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()), ObjectSettings.defaults())) {
            ObjectNamespace<Room> rooms = runtime.create("rooms", state -> new Room(state, constructed));
            try (TestServer server = TestServer.start(WebSocketSettings.defaults(),
                    RouterFunctions.route(path("/room"), request -> rooms.getByName("lobby").fetch(request)))) {
                TextClient bob = TextClient.connect(server.url("/room?user=bob"));
                bob.send("hi");
                assertThat(bob.next()).startsWith("hi from Member[name=bob");
                bob.close();
                await().atMost(5, TimeUnit.SECONDS).until(() -> runtime.stats().hibernatableSockets() == 0);
                Integer left = rooms.getByName("lobby").call(room -> room.state.getWebSockets().size()).block();
                assertThat(left).isZero();
            }
        }
    }
}
