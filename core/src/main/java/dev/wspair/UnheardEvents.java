package dev.wspair;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The events of a client socket that happened before the application added a listener of their
 * type, kept for that type's first listener. Workers dispatches a {@code new WebSocket(url)}'s
 * events in a later turn than the constructor, so listeners added right after it hear them all;
 * Java has no end of a turn, and the handshake may even finish before {@code connect()} returns.
 * Only types that never had a listener are kept, and messages only up to {@link #MAX_MESSAGES}
 * and {@link #MAX_MESSAGE_BYTES} (the default bounds of an outbound queue); the rest are dropped,
 * as Workers drops events nobody listens to. Not thread-safe: {@link Listeners} guards it.
 */
final class UnheardEvents {

    /** Most messages kept for the first message listener. */
    static final int MAX_MESSAGES = 1024;

    /** Most payload bytes kept for the first message listener. */
    static final long MAX_MESSAGE_BYTES = 1024 * 1024;

    /** An event and the type it was dispatched as. */
    record Kept(EventType<?> type, Event event) {
    }

    private final List<Kept> kept = new ArrayList<>();

    private final boolean[] heard = new boolean[4];

    private int messages;

    private long messageBytes;

    /** Keeps an event of a type that never had a listener; whether it was kept. */
    boolean keep(EventType<?> type, Event event) {
        if (this.heard[type.index()]) {
            return false;
        }
        if (event instanceof MessageEvent message) {
            if (this.messages == MAX_MESSAGES || this.messageBytes + message.size() > MAX_MESSAGE_BYTES) {
                return false;
            }
            this.messages++;
            this.messageBytes += message.size();
        }
        this.kept.add(new Kept(type, event));
        return true;
    }

    /** Records that a type has a listener now; whether events of that type are waiting for it. */
    boolean heard(EventType<?> type) {
        this.heard[type.index()] = true;
        for (Kept waiting : this.kept) {
            if (waiting.type() == type) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return this.kept.isEmpty();
    }

    /** Removes and returns the kept events whose types have had a listener, in the order they happened. */
    List<Kept> takeHeard() {
        List<Kept> taken = new ArrayList<>();
        for (Iterator<Kept> it = this.kept.iterator(); it.hasNext();) {
            Kept waiting = it.next();
            if (this.heard[waiting.type().index()]) {
                taken.add(waiting);
                it.remove();
            }
        }
        return taken;
    }
}
