package dev.wspair.webflux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound queue of one connection on its own: frames offered before the subscription,
 * without demand and with it arrive in the order offered, completion lets the queue run dry,
 * an interrupt or the end of the stream releases what is left, and concurrent producers lose
 * nothing.
 */
class OutboundFramesTests {

    private final AtomicInteger dequeued = new AtomicInteger();

    private final OutboundFrames frames = new OutboundFrames(frame -> this.dequeued.incrementAndGet());

    @Test
    void framesBeforeSubscriptionWithoutDemandAndWithDemandArriveInTheOrderOffered() {
        this.frames.offer(frame("before subscription"));
        StepVerifier.create(this.frames, 0)
            .then(() -> this.frames.offer(frame("without demand")))
            .thenRequest(1)
            .assertNext(frame -> assertText(frame, "before subscription"))
            .then(() -> this.frames.offer(frame("still waiting behind one")))
            .thenRequest(3)
            .assertNext(frame -> assertText(frame, "without demand"))
            .assertNext(frame -> assertText(frame, "still waiting behind one"))
            .then(() -> this.frames.offer(frame("with demand")))
            .assertNext(frame -> assertText(frame, "with demand"))
            .then(this.frames::complete)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(this.dequeued).hasValue(4);
    }

    @Test
    void completeWaitsForQueuedFramesAndAFrameOfferedAfterTheEndIsReleased() {
        TextWebSocketFrame late = frame("after the end");
        StepVerifier.create(this.frames, 0)
            .then(() -> {
                this.frames.offer(frame("queued"));
                this.frames.complete();
            })
            .expectNoEvent(Duration.ofMillis(50))
            .thenRequest(1)
            .assertNext(frame -> assertText(frame, "queued"))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        this.frames.offer(late);
        assertThat(late.refCnt()).as("released, not written").isZero();
    }

    @Test
    void interruptReleasesWaitingFramesAndCompletesAtOnce() {
        List<TextWebSocketFrame> waiting = List.of(frame("a"), frame("b"), frame("c"));
        StepVerifier.create(this.frames, 0)
            .then(() -> {
                waiting.forEach(this.frames::offer);
                this.frames.interrupt();
            })
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(waiting).allSatisfy(frame -> assertThat(frame.refCnt()).isZero());
        assertThat(this.dequeued).hasValue(0);
    }

    @Test
    void concurrentProducersAgainstASubscriberRequestingInBatchesLoseNothingAndKeepEachProducersOrder() throws Exception {
        int producers = 4;
        int perProducer = 20_000;
        Map<Integer, Integer> nextExpected = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(producers * perProducer);
        this.frames.subscribe(new BaseSubscriber<>() {

            private int sinceRequest;

            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(32);
            }

            @Override
            protected void hookOnNext(WebSocketFrame frame) {
                String[] parts = frame.content().toString(StandardCharsets.UTF_8).split(":");
                frame.release();
                int producer = Integer.parseInt(parts[0]);
                int sequence = Integer.parseInt(parts[1]);
                int expected = nextExpected.getOrDefault(producer, 0);
                if (sequence != expected) {
                    outOfOrder.add(producer + ": got " + sequence + ", expected " + expected);
                }
                nextExpected.put(producer, sequence + 1);
                all.countDown();
                if (++this.sinceRequest == 32) {
                    this.sinceRequest = 0;
                    request(32);
                }
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(producers);
        try {
            for (int p = 0; p < producers; p++) {
                int producer = p;
                threads.execute(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        this.frames.offer(frame(producer + ":" + i));
                    }
                });
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).as("every frame arrived").isTrue();
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(outOfOrder).isEmpty();
        assertThat(this.dequeued).hasValue(producers * perProducer);
    }

    private static TextWebSocketFrame frame(String text) {
        return new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private static void assertText(WebSocketFrame frame, String expected) {
        try {
            assertThat(frame.content().toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        finally {
            frame.release();
        }
    }
}
