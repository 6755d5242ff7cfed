package dev.wspair;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Listener registration and the serial, in-order dispatch of a socket's events (semantics §2.6). */
class DispatchTest {

    private WebSocket client;

    private WebSocket server;

    @BeforeEach
    void pair() {
        WebSocketPair pair = new WebSocketPair();
        this.client = pair.client();
        this.server = pair.server();
    }

    @Test
    void thousandMessagesFromOneEndArriveInOrder() throws InterruptedException {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        this.server.addEventListener(EventType.MESSAGE, event -> received.add(event.text()));
        this.client.accept();
        this.server.accept();

        for (int i = 0; i < 1000; i++) {
            this.client.send(Integer.toString(i));
        }

        for (int i = 0; i < 1000; i++) {
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void listenerInvocationsNeverOverlapWhileFourThreadsSendAndEachThreadsOrderIsKept() throws Exception {
        int threads = 4;
        int perThread = 250;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicLong sink = new AtomicLong();
        List<String> received = new ArrayList<>();
        AtomicInteger count = new AtomicInteger();
        EventListener<MessageEvent> recording = event -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            long work = 0;
            for (int i = 0; i < 2_000; i++) {
                work = work * 31 + event.text().hashCode() + i;
            }
            sink.addAndGet(work);
            received.add(event.text()); // a plain ArrayList: only safe because calls never overlap
            inside.decrementAndGet();
            count.incrementAndGet();
        };
        this.server.addEventListener(EventType.MESSAGE, recording);
        // a second listener of the same socket must not overlap with the first either
        this.server.addEventListener(EventType.MESSAGE, event -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            inside.decrementAndGet();
        });
        this.client.accept();
        this.server.accept();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(senders.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        this.client.send(thread + ":" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(5, TimeUnit.SECONDS);
            }
        }
        finally {
            senders.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> count.get() == threads * perThread);
        assertThat(maxInside.get()).as("listener invocations in flight at once").isEqualTo(1);
        Map<String, Integer> next = new HashMap<>();
        // every add happened before the count reached its final value, which await() observed
        List<String> snapshot = new ArrayList<>(received);
        assertThat(snapshot).hasSize(threads * perThread);
        for (String text : snapshot) {
            String[] parts = text.split(":");
            int expected = next.getOrDefault(parts[0], 0);
            assertThat(Integer.parseInt(parts[1])).as("order of thread %s", parts[0]).isEqualTo(expected);
            next.put(parts[0], expected + 1);
        }
        assertThat(next).hasSize(threads).allSatisfy((thread, n) -> assertThat(n).isEqualTo(perThread));
    }

    @Test
    void listenerThatThrowsIsLoggedAndDeliveryContinues() throws InterruptedException {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.wspair.WebSocket");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            BlockingQueue<String> throwingSaw = new LinkedBlockingQueue<>();
            BlockingQueue<String> otherSaw = new LinkedBlockingQueue<>();
            this.server.addEventListener(EventType.MESSAGE, event -> {
                throwingSaw.add(event.text());
                if (event.text().equals("boom")) {
                    throw new IllegalArgumentException("listener failure");
                }
            });
            this.server.addEventListener(EventType.MESSAGE, event -> otherSaw.add(event.text()));
            Recorder clientEvents = Recorder.of(this.client);
            this.client.accept();
            this.server.accept();

            this.client.send("boom");
            this.client.send("next");

            assertThat(throwingSaw.poll(5, TimeUnit.SECONDS)).isEqualTo("boom");
            assertThat(throwingSaw.poll(5, TimeUnit.SECONDS)).as("the same listener gets the next message").isEqualTo("next");
            assertThat(otherSaw.poll(5, TimeUnit.SECONDS)).as("the other listener still got the failing message").isEqualTo("boom");
            assertThat(otherSaw.poll(5, TimeUnit.SECONDS)).isEqualTo("next");
            // the warning was appended on the lane before "next" was dispatched, so it is visible here
            List<ILoggingEvent> warnings = appender.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
            assertThat(warnings).hasSize(1);
            ILoggingEvent warning = warnings.get(0);
            assertThat(warning.getFormattedMessage())
                    .contains("threw")
                    .contains("local")
                    .contains("message")
                    .contains(Long.toString(this.server.id()));
            assertThat(warning.getThrowableProxy()).isNotNull();
            assertThat(warning.getThrowableProxy().getMessage()).isEqualTo("listener failure");
            assertThat(this.server.readyState()).isEqualTo(1);
            this.server.send("still usable");
            assertThat(clientEvents.nextText()).isEqualTo("still usable");
        }
        finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void sameListenerAddedTwiceIsInvokedOnce() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<String> marker = new LinkedBlockingQueue<>();
        EventListener<MessageEvent> counting = event -> calls.incrementAndGet();
        this.server.addEventListener(EventType.MESSAGE, counting);
        this.server.addEventListener(EventType.MESSAGE, counting);
        this.server.addEventListener(EventType.MESSAGE, event -> marker.add(event.text()));
        this.client.accept();
        this.server.accept();

        this.client.send("one");

        assertThat(marker.poll(5, TimeUnit.SECONDS)).isEqualTo("one");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void sameListenerMayBeAddedForDifferentTypes() throws InterruptedException {
        BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        EventListener<Event> any = seen::add;
        this.server.addEventListener(EventType.MESSAGE, any);
        this.server.addEventListener(EventType.CLOSE, any);
        this.client.accept();
        this.server.accept();

        this.client.send("hi");
        this.client.close(1000, "bye");

        assertThat(seen.poll(5, TimeUnit.SECONDS)).isInstanceOf(MessageEvent.class);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(new CloseEvent(1000, "bye", true));
    }

    @Test
    void removedListenerIsNoLongerInvoked() throws InterruptedException {
        BlockingQueue<String> removedSaw = new LinkedBlockingQueue<>();
        BlockingQueue<String> keptSaw = new LinkedBlockingQueue<>();
        EventListener<MessageEvent> removed = event -> removedSaw.add(event.text());
        this.server.addEventListener(EventType.MESSAGE, removed);
        this.server.addEventListener(EventType.MESSAGE, event -> keptSaw.add(event.text()));
        this.client.accept();
        this.server.accept();
        this.client.send("before");
        assertThat(removedSaw.poll(5, TimeUnit.SECONDS)).isEqualTo("before");
        assertThat(keptSaw.poll(5, TimeUnit.SECONDS)).isEqualTo("before");

        this.server.removeEventListener(EventType.MESSAGE, removed);
        this.client.send("after");

        assertThat(keptSaw.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
        assertThat(removedSaw).isEmpty();
    }

    @Test
    void removingAListenerForAnotherTypeKeepsIt() throws InterruptedException {
        BlockingQueue<String> saw = new LinkedBlockingQueue<>();
        EventListener<Event> listener = event -> saw.add(event.type());
        this.server.addEventListener(EventType.MESSAGE, listener);
        this.client.accept();
        this.server.accept();

        this.server.removeEventListener(EventType.CLOSE, listener);
        this.client.send("hi");

        assertThat(saw.poll(5, TimeUnit.SECONDS)).isEqualTo("message");
    }

    /**
     * Events are dispatched to the listeners registered at that moment and never replayed. The
     * server end's peer is coupled to a transport whose event loop runs tasks inline, so dispatch
     * happens inside {@code text()} and the test knows the first message was dispatched (to no
     * listener) before it adds one.
     */
    @Test
    void messageDispatchedWhileNoListenerIsRegisteredIsDroppedNotQueued() throws InterruptedException {
        Coupling coupling = Coupling.claim(this.client);
        this.server.accept();
        coupling.attach(new RecordingTransport(), Runnable::run, () -> true, "/ws");

        coupling.text("dropped");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        this.server.addEventListener(EventType.MESSAGE, event -> received.add(event.text()));
        coupling.text("marker");

        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("marker");
        assertThat(received).isEmpty();
    }

    @Test
    void closeEventWithNoCloseListenerIsDroppedButStillAnswered() throws InterruptedException {
        Recorder clientEvents = Recorder.of(this.client);
        this.client.accept();
        this.server.accept();

        this.client.close(4000, "bye");

        assertThat(clientEvents.nextClose()).isEqualTo(new CloseEvent(4000, "bye", true));
        assertThat(this.server.readyState()).isEqualTo(3);
    }
}
