package dev.wspair.webflux;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Consumer;

import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;

/**
 * The frames waiting for one connection, as the single publisher Reactor Netty writes from. Any
 * thread may {@link #offer} a frame; frames offered before Reactor Netty subscribes wait in the
 * same queue. {@link #complete()} lets the queue run dry first, {@link #interrupt()} drops what
 * waits and completes at once; frames left over after either, or after a cancel, are released.
 *
 * <p>One multi-producer queue and one drain loop replace {@code Flux.create} with
 * {@code takeUntilOther}: no serializing sink, no serialized subscriber taking a lock per frame,
 * and no 256-slot first chunk allocated for every idle connection.
 */
final class OutboundFrames implements Publisher<WebSocketFrame>, Subscription {

    private static final AtomicIntegerFieldUpdater<OutboundFrames> WIP = AtomicIntegerFieldUpdater.newUpdater(OutboundFrames.class, "wip");

    private static final AtomicLongFieldUpdater<OutboundFrames> REQUESTED = AtomicLongFieldUpdater.newUpdater(OutboundFrames.class, "requested");

    private final Queue<WebSocketFrame> queue = Queues.<WebSocketFrame>unboundedMultiproducer().get();

    private final Consumer<WebSocketFrame> dequeued;

    private volatile @Nullable Subscriber<? super WebSocketFrame> subscriber;

    private volatile int wip;

    private volatile long requested;

    private volatile boolean completing;

    private volatile boolean interrupted;

    private volatile boolean cancelled;

    /** Only touched inside the drain loop. */
    private boolean terminated;

    /**
     * Creates the queue.
     * @param dequeued told about each frame just before it is handed to Reactor Netty
     */
    OutboundFrames(Consumer<WebSocketFrame> dequeued) {
        this.dequeued = dequeued;
    }

    /** Queues a frame; released instead if the stream already ended. */
    void offer(WebSocketFrame frame) {
        this.queue.offer(frame);
        drain();
    }

    /** Completes once every queued frame was handed over. */
    void complete() {
        this.completing = true;
        drain();
    }

    /** Drops the queued frames and completes at once. */
    void interrupt() {
        this.interrupted = true;
        drain();
    }

    @Override
    public void subscribe(Subscriber<? super WebSocketFrame> actual) {
        if (this.subscriber != null) {
            Operators.error(actual, new IllegalStateException("The outbound frames of a connection are written once"));
            return;
        }
        this.subscriber = actual;
        actual.onSubscribe(this);
        drain();
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            Operators.addCap(REQUESTED, this, n);
            drain();
        }
    }

    @Override
    public void cancel() {
        this.cancelled = true;
        drain();
    }

    private void drain() {
        if (WIP.getAndIncrement(this) != 0) {
            return;
        }
        int missed = 1;
        do {
            Subscriber<? super WebSocketFrame> actual = this.subscriber;
            if (this.terminated || this.cancelled || (this.interrupted && actual == null)) {
                clear();
            }
            else if (actual != null) {
                emit(actual);
            }
            missed = WIP.addAndGet(this, -missed);
        }
        while (missed != 0);
    }

    private void emit(Subscriber<? super WebSocketFrame> actual) {
        if (this.interrupted) {
            terminate(actual);
            return;
        }
        long demand = this.requested;
        long emitted = 0;
        while (emitted != demand && !this.cancelled && !this.interrupted) {
            WebSocketFrame frame = this.queue.poll();
            if (frame == null) {
                break;
            }
            this.dequeued.accept(frame);
            actual.onNext(frame);
            emitted++;
        }
        if (emitted != 0 && demand != Long.MAX_VALUE) {
            REQUESTED.addAndGet(this, -emitted);
        }
        if (this.interrupted || (this.completing && this.queue.isEmpty())) {
            terminate(actual);
        }
    }

    private void terminate(Subscriber<? super WebSocketFrame> actual) {
        this.terminated = true;
        clear();
        if (!this.cancelled) {
            actual.onComplete();
        }
    }

    private void clear() {
        WebSocketFrame frame;
        while ((frame = this.queue.poll()) != null) {
            if (frame.refCnt() > 0) {
                frame.release();
            }
        }
    }
}
