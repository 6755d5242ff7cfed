package dev.wspair;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events of a {@code new WebSocket(url)} socket whose handshake ends before the application
 * added its listeners, which the network can do even before {@code connect()} returns. The
 * upstream is coupled to a single thread standing in for the connection's event loop, so the
 * socket's events run there inline and have been dispatched when the test thread goes on to add
 * its listeners; a refused connection is never coupled and dispatches on wspair's own threads,
 * which {@link #failureOnTheLocalLaneBeforeListenersIsHeardErrorThenClose} and {@code ConnectTests}
 * cover. Listeners added afterwards hear every event once, in order, as listeners added in the
 * constructor's turn do in Workers.
 */
class EventsBeforeListenersTests {

    private final AtomicReference<Thread> networkThread = new AtomicReference<>();

    private final ExecutorService network = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "network");
        this.networkThread.set(thread);
        return thread;
    });

    private final ClientHandshake handshake = ClientHandshake.begin("ws://example.com/ws", () -> {
    });

    private final WebSocket socket = this.handshake.socket();

    /** Appended to on the socket's lane, read by the test thread after {@link #settle()}. */
    private final List<Event> heard = new ArrayList<>();

    @AfterEach
    void stopNetwork() {
        this.network.shutdownNow();
    }

    /** Couples the upstream to the network thread, so that the socket's events run there, inline. */
    private RecordingTransport attached() {
        RecordingTransport upstream = new RecordingTransport();
        this.handshake.coupling().attach(upstream, this.network, () -> Thread.currentThread() == this.networkThread.get(), "ws://example.com/ws");
        return upstream;
    }

    /** Runs the work on the network thread and waits for it, and for every event it dispatched. */
    private void onNetwork(Runnable work) throws Exception {
        this.network.submit(work).get(5, TimeUnit.SECONDS);
    }

    /** Waits until the lane tasks queued on the network thread so far have run. */
    private List<Event> settle() throws Exception {
        onNetwork(() -> {
        });
        synchronized (this.heard) {
            return List.copyOf(this.heard);
        }
    }

    private <E extends Event> void listen(EventType<E> type) {
        this.socket.addEventListener(type, event -> {
            synchronized (this.heard) {
                this.heard.add(event);
            }
        });
    }

    private void listenToAll() {
        listen(EventType.OPEN);
        listen(EventType.MESSAGE);
        listen(EventType.ERROR);
        listen(EventType.CLOSE);
    }

    @Test
    void failureDispatchedBeforeAnyListenerIsHeardErrorThenCloseOnce() throws Exception {
        attached();
        IllegalStateException refused = new IllegalStateException("Connection refused");
        onNetwork(() -> this.handshake.failed(refused));
        assertThat(this.socket.readyState()).isEqualTo(WebSocket.READY_STATE_CLOSED);

        listenToAll();

        List<Event> events = settle();
        assertThat(events).hasSize(2);
        assertThat(((ErrorEvent) events.get(0)).error()).isSameAs(refused);
        assertThat(events.get(1)).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
    }

    @Test
    void failureDispatchedWhileListenersAreAddedIsHeardErrorThenCloseOnce() throws Exception {
        attached();
        listen(EventType.OPEN);
        listen(EventType.ERROR);
        onNetwork(() -> this.handshake.failed(new IllegalStateException("Connection refused")));
        listen(EventType.MESSAGE);
        listen(EventType.CLOSE);

        List<Event> events = settle();
        assertThat(events).extracting(Event::type).containsExactly("error", "close");
    }

    @Test
    void keptEventsWhoseListenersCameBeforeTheHandOverComeInTheOrderTheyHappened() throws Exception {
        attached();
        onNetwork(() -> this.handshake.failed(new IllegalStateException("Connection refused")));
        CountDownLatch listening = new CountDownLatch(1);
        Future<?> busy = this.network.submit(() -> listening.await(5, TimeUnit.SECONDS));

        listen(EventType.CLOSE);
        listen(EventType.ERROR);
        listening.countDown();
        busy.get(5, TimeUnit.SECONDS);

        assertThat(settle()).extracting(Event::type).containsExactly("error", "close");
    }

    @Test
    void failureOnTheLocalLaneBeforeListenersIsHeardErrorThenClose() throws Exception {
        this.handshake.failed(new IllegalStateException("Connection refused"));
        List<Event> events = new CopyOnWriteArrayList<>();
        this.socket.addEventListener(EventType.ERROR, events::add);
        this.socket.addEventListener(EventType.CLOSE, events::add);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        assertThat(events).extracting(Event::type).containsExactly("error", "close");
    }

    @Test
    void openAndFirstMessagesBeforeListenersAreHeardInOrderThenMessagesFlowAsUsual() throws Exception {
        RecordingTransport upstream = attached();
        onNetwork(() -> {
            assertThat(this.handshake.opened(null, null)).isTrue();
            this.handshake.coupling().text("hello");
            this.handshake.coupling().binary(new byte[] { 1, 2 });
        });

        listenToAll();
        this.socket.send("hi");

        this.handshake.coupling().text("later");
        List<Event> events = settle();
        assertThat(events).extracting(Event::type).containsExactly("open", "message", "message", "message");
        assertThat(((MessageEvent) events.get(1)).text()).isEqualTo("hello");
        assertThat(((MessageEvent) events.get(2)).bytes()).containsExactly(1, 2);
        assertThat(((MessageEvent) events.get(3)).text()).isEqualTo("later");
        assertThat(upstream.frames()).containsExactly("text:hi");
    }

    @Test
    void anEventDispatchedOnceItsTypeHasAListenerFindsTheKeptOnesFirst() {
        Listeners listeners = new Listeners(new UnheardEvents());
        MessageEvent first = MessageEvent.text("first");
        assertThat(listeners.keep(EventType.MESSAGE, first)).isTrue();

        assertThat(listeners.add(EventType.MESSAGE, event -> {
        })).as("kept events wait for the new listener").isTrue();

        assertThat(listeners.keep(EventType.MESSAGE, MessageEvent.text("second"))).as("heard now: dispatched, after the kept ones").isFalse();
        assertThat(listeners.takeHeard()).containsExactly(new UnheardEvents.Kept(EventType.MESSAGE, first));
        assertThat(listeners.takeHeard()).isEmpty();
        assertThat(listeners.add(EventType.MESSAGE, event -> {
        })).as("nothing waits for a second listener").isFalse();
    }

    @Test
    void typesThatHadAListenerFollowWorkersAndDropEventsNobodyHears() throws Exception {
        attached();
        listen(EventType.OPEN);
        List<Event> dropped = new ArrayList<>();
        EventListener<MessageEvent> removed = dropped::add;
        this.socket.addEventListener(EventType.MESSAGE, removed);
        this.socket.removeEventListener(EventType.MESSAGE, removed);
        onNetwork(() -> {
            this.handshake.opened(null, null);
            this.handshake.coupling().text("nobody listens");
        });

        listen(EventType.MESSAGE);
        this.handshake.coupling().text("heard");

        List<Event> events = settle();
        assertThat(events).extracting(Event::type).containsExactly("open", "message");
        assertThat(((MessageEvent) events.get(1)).text()).isEqualTo("heard");
        assertThat(dropped).isEmpty();
    }

    @Test
    void messagesBeforeTheFirstMessageListenerAreKeptUpToTheBound() throws Exception {
        attached();
        onNetwork(() -> {
            this.handshake.opened(null, null);
            for (int i = 0; i < UnheardEvents.MAX_MESSAGES + 10; i++) {
                this.handshake.coupling().text(Integer.toString(i));
            }
        });

        listen(EventType.MESSAGE);

        List<Event> events = settle();
        assertThat(events).hasSize(UnheardEvents.MAX_MESSAGES);
        assertThat(((MessageEvent) events.get(0)).text()).isEqualTo("0");
        assertThat(((MessageEvent) events.get(events.size() - 1)).text()).isEqualTo(Integer.toString(UnheardEvents.MAX_MESSAGES - 1));
    }

    @Test
    void endsOfAPairDropEventsNobodyListensTo() throws Exception {
        WebSocketPair pair = new WebSocketPair();
        Coupling coupling = Coupling.claim(pair.client());
        coupling.attach(new RecordingTransport(), this.network, () -> Thread.currentThread() == this.networkThread.get(), "/ws");
        WebSocket server = pair.server();
        server.accept();
        onNetwork(() -> coupling.text("nobody listens"));

        List<Event> events = new CopyOnWriteArrayList<>();
        server.addEventListener(EventType.MESSAGE, events::add);
        onNetwork(() -> coupling.text("heard"));

        assertThat(events).extracting(event -> ((MessageEvent) event).text()).containsExactly("heard");
    }
}
