package dev.wspair.objects;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The output gate with a store whose commits the test holds back or fails: nothing an event sent
 * reaches a real client before the event's writes are durable, and nothing at all if they fail.
 */
class OutputGateTests {

    /** Stores each message and answers it; signals when a handler has run. */
    static final class Recorder implements DurableObject {

        final DurableObjectState state;

        final CountDownLatch handled;

        Recorder(DurableObjectState state, CountDownLatch handled) {
            this.state = state;
            this.handled = handled;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            var pair = new WebSocketPair();
            this.state.acceptWebSocket(pair.server());
            return WebSocketResponse.of(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, MessageEvent message) {
            this.state.storage().put("last", message.text());
            ws.send("stored " + message.text());
            this.handled.countDown();
        }
    }

    private final ControlledStore store = new ControlledStore(new InMemoryObjectStore());

    private ObjectNamespaces runtime;

    private ObjectNamespace<Recorder> recorders;

    private TestServer server;

    private volatile CountDownLatch handled = new CountDownLatch(1);

    @BeforeEach
    void start() {
        this.runtime = new ObjectNamespaces(this.store, new JsonValueCodec(JsonMapper.builder().build()), ObjectSettings.defaults());
        this.recorders = this.runtime.create("recorders", state -> new Recorder(state, this.handled));
        this.server = TestServer.start(WebSocketSettings.defaults(),
                RouterFunctions.route(path("/record"), request -> this.recorders.getByName("one").fetch(request)));
    }

    @AfterEach
    void stop() {
        this.store.open();
        this.server.close();
        this.runtime.close();
        this.store.close();
    }

    @Test
    void framesWaitForTheCommitAndLeaveWhenItIsDurable() throws Exception {
        try (TextClient client = TextClient.connect(this.server.url("/record"))) {
            this.store.hold();
            client.send("a");
            assertThat(this.handled.await(10, TimeUnit.SECONDS)).as("the handler ran").isTrue();
            assertThat(this.store.awaitCommitEntered()).as("its commit is in progress").isTrue();
            assertThat(client.messages.poll(300, TimeUnit.MILLISECONDS)).as("nothing reaches the client before the commit").isNull();
            this.store.open();
            assertThat(client.next()).isEqualTo("stored a");
        }
    }

    @Test
    void aCallerSeesItsResultOnlyAfterTheCommit() throws Exception {
        ObjectStub<Recorder> stub = this.recorders.getByName("two");
        this.store.hold();
        CompletableFuture<String> result = stub.call(recorder -> {
            recorder.state.storage().put("k", "v");
            return "done";
        }).toFuture();
        assertThat(this.store.awaitCommitEntered()).isTrue();
        assertThat(result).as("the result waits for the commit").isNotDone();
        this.store.open();
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void aFailedCommitDropsTheFramesResetsTheObjectAndTheNextEventRecreatesIt() throws Exception {
        Logger slotLogger = (Logger) LoggerFactory.getLogger(ObjectSlot.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        slotLogger.addAppender(logged);
        try {
            failAndRecover(logged);
        }
        finally {
            slotLogger.detachAppender(logged);
        }
    }

    private void failAndRecover(ListAppender<ILoggingEvent> logged) throws Exception {
        try (TextClient client = TextClient.connect(this.server.url("/record"))) {
            client.send("kept");
            assertThat(client.next()).isEqualTo("stored kept");
            long created = this.runtime.stats().instancesCreated();

            this.store.failing(true);
            this.handled = new CountDownLatch(1);
            client.send("lost");
            await().atMost(10, TimeUnit.SECONDS).until(() -> this.runtime.stats().objectResets() == 1);
            assertThat(this.runtime.stats().commitFailures()).isEqualTo(1);
            assertThat(logged.list).as("the failure is logged with the object's namespace and id").anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).startsWith("Object recorders:" + this.recorders.idFromName("one") + ": storage commit failed; dropped the writes and 1 frame(s)");
            });
            assertThat(client.messages.poll(300, TimeUnit.MILLISECONDS)).as("no frame of the failed event ever leaves").isNull();

            this.store.failing(false);
            client.send("next");
            assertThat(client.next()).as("the socket still works").isEqualTo("stored next");
            assertThat(this.runtime.stats().instancesCreated()).as("the instance was recreated").isEqualTo(created + 1);
        }
        assertThatThrownBy(() -> {
            this.store.failing(true);
            this.recorders.getByName("one").call(recorder -> {
                recorder.state.storage().put("last", "never");
                return "unseen";
            }).block();
        }).isInstanceOf(ObjectResetException.class)
            .hasMessage("Internal error in Durable Object storage caused object recorders:" + this.recorders.idFromName("one") + " to be reset.");
        this.store.failing(false);
        String last = this.recorders.getByName("one").call(recorder -> recorder.state.storage().get("last", String.class)).block();
        assertThat(last).as("the failed writes were never applied").isEqualTo("next");
    }
}
