package dev.wspair.webflux;

import java.util.function.Consumer;

import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Reads every inbound frame of a connection into a consumer and completes when the frames end, as
 * {@code frames.doOnNext(consumer).then()} would, but without what {@code then()} does for each
 * frame: offer it to a discard hook, for which it first walks the whole subscriber chain down to
 * Reactor Netty to find the context. The frames belong to Reactor Netty, which releases each one
 * after the consumer returns, so there is nothing to discard. A consumer that throws ends the
 * reading with its error.
 */
final class FrameReader extends Mono<Void> {

    private final Publisher<WebSocketFrame> frames;

    private final Consumer<WebSocketFrame> consumer;

    /**
     * Creates the reader; nothing is read until it is subscribed to.
     * @param frames the connection's inbound frames
     * @param consumer told about each frame, on the thread that delivers it
     */
    FrameReader(Publisher<WebSocketFrame> frames, Consumer<WebSocketFrame> consumer) {
        this.frames = frames;
        this.consumer = consumer;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Void> actual) {
        this.frames.subscribe(new Reading(actual, this.consumer));
    }

    private static final class Reading implements CoreSubscriber<WebSocketFrame>, Subscription {

        private final CoreSubscriber<? super Void> actual;

        private final Consumer<WebSocketFrame> consumer;

        private volatile @Nullable Subscription upstream;

        /** Only touched by the thread delivering the frames. */
        private boolean done;

        Reading(CoreSubscriber<? super Void> actual, Consumer<WebSocketFrame> consumer) {
            this.actual = actual;
            this.consumer = consumer;
        }

        @Override
        public Context currentContext() {
            return this.actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(this.upstream, subscription)) {
                this.upstream = subscription;
                this.actual.onSubscribe(this);
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(WebSocketFrame frame) {
            if (this.done) {
                return;
            }
            try {
                this.consumer.accept(frame);
            }
            catch (Throwable ex) {
                Exceptions.throwIfFatal(ex);
                this.done = true;
                cancel();
                this.actual.onError(ex);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!this.done) {
                this.done = true;
                this.actual.onError(error);
            }
        }

        @Override
        public void onComplete() {
            if (!this.done) {
                this.done = true;
                this.actual.onComplete();
            }
        }

        /** A {@code Mono<Void>} emits no values: demand changes nothing. */
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
            Subscription subscription = this.upstream;
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
