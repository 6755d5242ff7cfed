package dev.wspair.objects.testing;

import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.DurableObject;
import dev.wspair.objects.DurableObjectState;
import dev.wspair.webflux.WebSocketResponse;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A counter Durable Object for tests. A WebSocket connects through {@code fetch} with the
 * hibernation API; each text message increments the count in storage and is answered with
 * {@code "ack <text> #<count>"}, which leaves only once the increment is durable (the output
 * gate), as a Workers counter's reply would. Code given to a stub's {@code call} reaches the
 * object through {@link #state()}, {@link #increment()} and {@link #count()}. Between reading
 * and writing the count an increment yields, so that events that overlapped would lose
 * increments, and the object records how many increments ever ran at once.
 */
public final class Counter implements DurableObject {

    /** The storage key of the count. */
    public static final String KEY = "count";

    private final DurableObjectState state;

    private final AtomicInteger inside = new AtomicInteger();

    private final AtomicInteger mostInside = new AtomicInteger();

    public Counter(DurableObjectState state) {
        this.state = state;
    }

    @Override
    public Mono<ServerResponse> fetch(ServerRequest request) {
        var pair = new WebSocketPair();
        this.state.acceptWebSocket(pair.server());
        return WebSocketResponse.of(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, MessageEvent message) {
        ws.send("ack " + message.text() + " #" + increment());
    }

    /**
     * Adds one to the count.
     * @return the new count
     */
    public int increment() {
        this.mostInside.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
        try {
            int next = count() + 1;
            Thread.yield();
            this.state.storage().put(KEY, next);
            return next;
        }
        finally {
            this.inside.decrementAndGet();
        }
    }

    /**
     * The count as this event sees it.
     * @return the count, 0 before the first increment
     */
    public int count() {
        Integer count = this.state.storage().get(KEY, Integer.class);
        return (count != null) ? count : 0;
    }

    /**
     * The most increments of this instance that ever ran at the same time; 1 when its events never overlapped.
     * @return the count
     */
    public int mostConcurrentIncrements() {
        return this.mostInside.get();
    }

    public DurableObjectState state() {
        return this.state;
    }
}
