package dev.wspair.objects;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wspair.objects.storage.InMemoryObjectStore;
import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.testing.Counter;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The output gate with a store whose commits the test holds back or fails: nothing an event sent
 * reaches a real client before the event's writes are durable, and nothing at all if they fail.
 */
class OutputGateTests {

    private final ControlledStore store = new ControlledStore(new InMemoryObjectStore());

    private ObjectNamespaces runtime;

    private ObjectNamespace<Counter> counters;

    private TestServer server;

    @BeforeEach
    void start() {
        this.runtime = new ObjectNamespaces(this.store, new JsonValueCodec(JsonMapper.builder().build()), ObjectSettings.defaults());
        this.counters = this.runtime.create("counters", Counter::new);
        this.server = TestServer.start(WebSocketSettings.defaults(),
                RouterFunctions.route(path("/counter"), request -> this.counters.getByName("one").fetch(request)));
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
        try (TextClient client = TextClient.connect(this.server.url("/counter"))) {
            this.store.hold();
            client.send("a");
            assertThat(this.store.awaitCommitEntered()).as("the handler ran and its commit is in progress").isTrue();
            assertThat(client.messages.poll(300, TimeUnit.MILLISECONDS)).as("nothing reaches the client before the commit").isNull();
            this.store.open();
            assertThat(client.next()).isEqualTo("ack a #1");
        }
    }

    @Test
    void aCallerSeesItsResultOnlyAfterTheCommit() throws Exception {
        ObjectStub<Counter> stub = this.counters.getByName("two");
        this.store.hold();
        CompletableFuture<Integer> result = stub.call(Counter::increment).toFuture();
        assertThat(this.store.awaitCommitEntered()).isTrue();
        assertThat(result).as("the result waits for the commit").isNotDone();
        this.store.open();
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(1);
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
        try (TextClient client = TextClient.connect(this.server.url("/counter"))) {
            client.send("kept");
            assertThat(client.next()).isEqualTo("ack kept #1");
            long created = this.runtime.stats().instancesCreated();

            this.store.failing(true);
            client.send("lost");
            await().atMost(10, TimeUnit.SECONDS).until(() -> this.runtime.stats().objectResets() == 1);
            assertThat(this.runtime.stats().commitFailures()).isEqualTo(1);
            assertThat(logged.list).as("the failure is logged with the object's namespace and id").anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).startsWith("Object counters:" + this.counters.idFromName("one") + ": storage commit failed; dropped the writes and 1 frame(s)");
            });
            assertThat(client.messages.poll(300, TimeUnit.MILLISECONDS)).as("no frame of the failed event ever leaves").isNull();

            this.store.failing(false);
            client.send("next");
            assertThat(client.next()).as("the socket still works, and the lost increment was never applied").isEqualTo("ack next #2");
            assertThat(this.runtime.stats().instancesCreated()).as("the instance was recreated").isEqualTo(created + 1);
        }
        assertThatThrownBy(() -> {
            this.store.failing(true);
            this.counters.getByName("one").call(Counter::increment).block();
        }).isInstanceOf(ObjectResetException.class)
            .hasMessage("Internal error in Durable Object storage caused object counters:" + this.counters.idFromName("one") + " to be reset.");
        this.store.failing(false);
        Integer count = this.counters.getByName("one").call(Counter::count).block();
        assertThat(count).as("the failed writes were never applied").isEqualTo(2);
    }
}
