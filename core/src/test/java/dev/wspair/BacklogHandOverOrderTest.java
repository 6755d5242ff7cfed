package dev.wspair;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Frames queued for an end before it is accepted or coupled are handed over in one piece: a frame
 * sent by the same sender while the hand-over runs must not overtake them (semantics §1.3, §2.6:
 * delivered in order, outgoing frames leave in call order).
 */
class BacklogHandOverOrderTest {

    private WebSocket client;

    private WebSocket server;

    private final RecordingTransport transport = new RecordingTransport();

    @BeforeEach
    void pair() {
        WebSocketPair pair = new WebSocketPair();
        this.client = pair.client();
        this.server = pair.server();
    }

    /**
     * One thread keeps sending while another accepts: every frame must arrive in the order it was
     * sent, whether it was queued before accept() or sent while the backlog was handed over.
     * Before the fix, frames sent during that hand-over overtook the backlog.
     */
    @Test
    void framesSentWhileThePeerAcceptsStayInSendOrder() throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            WebSocketPair pair = new WebSocketPair();
            WebSocket sending = pair.client();
            WebSocket accepting = pair.server();
            sending.accept();
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            accepting.addEventListener(EventType.MESSAGE, event -> received.add(event.text()));
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            Thread sender = new Thread(() -> {
                for (int i = 0; !stop.get() && i < 200_000; i++) {
                    sending.send(Integer.toString(i));
                    sent.incrementAndGet();
                }
            }, "sender");
            sender.start();
            // spin (bounded) rather than poll, so the backlog is about 20,000 frames and no more
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sent.get() < 20_000) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("20,000 frames were not sent within 5 s");
                }
                Thread.onSpinWait();
            }

            accepting.accept();
            int sentWhileAccepting = sent.get();
            stop.set(true);
            sender.join(5_000);
            assertThat(sender.isAlive()).isFalse();

            int total = sent.get();
            for (int expected = 0; expected < total; expected++) {
                String text = received.poll(5, TimeUnit.SECONDS);
                if (!Integer.toString(expected).equals(text)) { // AssertJ only on failure: 20,000+ checks
                    assertThat(text).as("attempt %d, message %d of %d (%d sent when accept() returned)", attempt, expected, total, sentWhileAccepting)
                            .isEqualTo(Integer.toString(expected));
                }
            }
        }
    }

    /**
     * The accepted end sends 1,000 frames before the transport is attached and 1,000 more from
     * another thread while the transport takes the first queued frame: the transport holds that
     * frame until the second 1,000 were sent, so a frame that skips the backlog shows up every
     * time. Before the fix, those frames reached the transport ahead of the backlog.
     */
    @Test
    void framesSentWhileTheTransportIsAttachedStayBehindTheQueuedOnes() throws Exception {
        Coupling coupling = Coupling.claim(this.client);
        this.server.accept();
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch handingOver = new CountDownLatch(1);
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < 2_000; i++) {
                    if (i == 1_000 && !handingOver.await(5, TimeUnit.SECONDS)) {
                        return;
                    }
                    this.server.send(Integer.toString(i));
                    sent.incrementAndGet();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "sender");
        Thread attaching = Thread.currentThread();
        Queue<String> forwarded = new ConcurrentLinkedQueue<>();
        Transport transport = new Transport() {
            @Override
            public void sendText(String text) {
                if (Thread.currentThread() == attaching && handingOver.getCount() > 0) {
                    handingOver.countDown();
                    await().atMost(Duration.ofSeconds(5)).until(() -> sent.get() == 2_000);
                }
                forwarded.add(text);
            }

            @Override
            public void sendBinary(byte[] bytes) {
            }

            @Override
            public void close(int code, String reason) {
            }

            @Override
            public void abort() {
            }
        };
        sender.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.get() == 1_000);

            coupling.attach(transport, Runnable::run, () -> true, "/ws");
        }
        finally {
            sender.join(5_000);
        }

        List<String> frames = List.copyOf(forwarded);
        assertThat(frames).hasSize(2_000);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i)).as("frame %d", i).isEqualTo(Integer.toString(i));
        }
    }

    /**
     * 1,000 frames from the network are queued for the end before it is accepted (after the other
     * end was coupled), and 1,000 more arrive while the first queued frame is handed over: the
     * event loop's "am I on the loop" check made at that moment waits until they arrived, so a
     * frame that skips the backlog shows up every time. Before the fix, those frames were
     * dispatched ahead of the backlog.
     */
    @Test
    void framesArrivingWhileTheEndIsAcceptedStayBehindTheQueuedOnes() throws Exception {
        Coupling coupling = Coupling.claim(this.client);
        Thread accepting = Thread.currentThread();
        AtomicInteger arrived = new AtomicInteger();
        CountDownLatch handingOver = new CountDownLatch(1);
        coupling.attach(this.transport, Runnable::run, () -> {
            if (Thread.currentThread() == accepting && handingOver.getCount() > 0) {
                handingOver.countDown();
                await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 2_000);
            }
            return true;
        }, "/ws");
        Queue<String> received = new ConcurrentLinkedQueue<>();
        this.server.addEventListener(EventType.MESSAGE, event -> received.add(event.text()));
        Thread network = new Thread(() -> {
            try {
                for (int i = 0; i < 2_000; i++) {
                    if (i == 1_000 && !handingOver.await(5, TimeUnit.SECONDS)) {
                        return;
                    }
                    coupling.text(Integer.toString(i));
                    arrived.incrementAndGet();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "network");
        network.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 1_000);

            this.server.accept();
        }
        finally {
            network.join(5_000);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2_000);
        List<String> messages = List.copyOf(received);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(messages.get(i)).as("message %d", i).isEqualTo(Integer.toString(i));
        }
    }
}
