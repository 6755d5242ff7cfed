package dev.wspair.webflux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a connection's frames into a consumer: every frame is handed over in order, the end and
 * errors of the frames end the reading, a failing consumer or a cancel stops the frames, and no
 * frame is ever offered to a discard hook.
 */
class FrameReaderTests {

    private final List<String> read = new ArrayList<>();

    private final List<Object> discarded = new ArrayList<>();

    @Test
    void handsEveryFrameToTheConsumerInOrderAndCompletesWithTheFramesWithoutDiscardingAny() {
        TestPublisher<WebSocketFrame> frames = TestPublisher.create();
        StepVerifier.create(new FrameReader(frames, this::read).doOnDiscard(Object.class, this.discarded::add))
            .then(() -> frames.next(frame("one"), frame("two"), frame("three")))
            .then(frames::complete)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(this.read).containsExactly("one", "two", "three");
        assertThat(this.discarded).as("the frames belong to Reactor Netty, which releases them").isEmpty();
    }

    @Test
    void anErrorOfTheFramesEndsTheReadingWithIt() {
        TestPublisher<WebSocketFrame> frames = TestPublisher.create();
        StepVerifier.create(new FrameReader(frames, this::read))
            .then(() -> frames.next(frame("before")))
            .then(() -> frames.error(new IllegalStateException("connection reset")))
            .expectErrorMessage("connection reset")
            .verify(Duration.ofSeconds(5));
        assertThat(this.read).containsExactly("before");
    }

    @Test
    void aConsumerThatThrowsStopsTheFramesAndEndsTheReadingWithItsError() {
        TestPublisher<WebSocketFrame> frames = TestPublisher.createNoncompliant(TestPublisher.Violation.CLEANUP_ON_TERMINATE);
        StepVerifier.create(new FrameReader(frames, frame -> {
            read(frame);
            throw new IllegalArgumentException("cannot take " + this.read.get(this.read.size() - 1));
        }))
            .then(() -> frames.next(frame("bad"), frame("never read")))
            .expectErrorMessage("cannot take bad")
            .verify(Duration.ofSeconds(5));
        frames.assertCancelled();
        assertThat(this.read).containsExactly("bad");
    }

    @Test
    void cancellingTheReadingCancelsTheFrames() {
        TestPublisher<WebSocketFrame> frames = TestPublisher.create();
        StepVerifier.create(new FrameReader(frames, this::read))
            .then(() -> frames.next(frame("one")))
            .thenCancel()
            .verify(Duration.ofSeconds(5));
        frames.assertCancelled();
        assertThat(this.read).containsExactly("one");
    }

    private void read(WebSocketFrame frame) {
        try {
            this.read.add(frame.content().toString(StandardCharsets.UTF_8));
        }
        finally {
            frame.release();
        }
    }

    private static TextWebSocketFrame frame(String text) {
        return new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }
}
