package dev.wspair;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An end's listeners by event type, as copy-on-write arrays: dispatch iterates a snapshot without
 * locking, and an end with no listeners of a type (a returned end has none at all) costs no array
 * of its own. Registration follows DOM {@code EventTarget}s: adding an equal listener twice keeps one.
 * The listeners of a client socket also keep its {@link UnheardEvents}, under the same lock, so
 * that an event is either heard by a listener or kept for it, never lost in between.
 */
final class Listeners {

    private static final EventListener<?>[] NONE = new EventListener<?>[0];

    private static final EventListener<?>[][] EMPTY = { NONE, NONE, NONE, NONE };

    private volatile EventListener<?>[][] byType = EMPTY;

    private final @Nullable UnheardEvents unheard;

    /** Whether {@link #unheard} holds events; read without the lock on every dispatch of a client socket. */
    private volatile boolean keeping;

    /**
     * Creates an end's listeners.
     * @param unheard where a client socket keeps the events of types that never had a listener;
     * {@code null} for other ends, whose events without a listener are dropped, as in Workers
     */
    Listeners(@Nullable UnheardEvents unheard) {
        this.unheard = unheard;
    }

    /** The listeners of a type at this moment, in registration order; never modified. */
    EventListener<?>[] of(EventType<?> type) {
        return this.byType[type.index()];
    }

    /**
     * Adds a listener.
     * @return whether kept events of the type now wait for it; the caller delivers them on the lane
     */
    synchronized boolean add(EventType<?> type, EventListener<?> listener) {
        UnheardEvents events = this.unheard;
        boolean waiting = events != null && events.heard(type);
        EventListener<?>[] current = this.byType[type.index()];
        if (indexOf(current, listener) < 0) {
            EventListener<?>[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = listener;
            replace(type, grown);
        }
        return waiting;
    }

    /**
     * Keeps an event for the first listener of its type if that type never had one. Whoever sees a
     * listener of the type in {@link #of} afterwards finds the event in {@link #takeHeard}.
     * @return whether the event was kept; if not, dispatch it to the listeners of its type
     */
    synchronized boolean keep(EventType<?> type, Event event) {
        UnheardEvents events = this.unheard;
        if (events == null || !events.keep(type, event)) {
            return false;
        }
        this.keeping = true;
        return true;
    }

    /** Removes and returns the kept events whose types have a listener now, in the order they happened. */
    List<UnheardEvents.Kept> takeHeard() {
        if (!this.keeping) {
            return List.of();
        }
        synchronized (this) {
            UnheardEvents events = this.unheard;
            if (events == null) {
                return List.of();
            }
            List<UnheardEvents.Kept> taken = events.takeHeard();
            this.keeping = !events.isEmpty();
            return taken;
        }
    }

    synchronized void remove(EventType<?> type, EventListener<?> listener) {
        EventListener<?>[] current = this.byType[type.index()];
        int index = indexOf(current, listener);
        if (index < 0) {
            return;
        }
        EventListener<?>[] shrunk = (current.length == 1) ? NONE : new EventListener<?>[current.length - 1];
        System.arraycopy(current, 0, shrunk, 0, index);
        System.arraycopy(current, index + 1, shrunk, index, current.length - index - 1);
        replace(type, shrunk);
    }

    private void replace(EventType<?> type, EventListener<?>[] listeners) {
        EventListener<?>[][] next = this.byType.clone();
        next[type.index()] = listeners;
        this.byType = next;
    }

    private static int indexOf(EventListener<?>[] listeners, EventListener<?> listener) {
        for (int i = 0; i < listeners.length; i++) {
            if (listeners[i].equals(listener)) {
                return i;
            }
        }
        return -1;
    }
}
