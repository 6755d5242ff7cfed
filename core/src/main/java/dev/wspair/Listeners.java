package dev.wspair;

import java.util.Arrays;

/**
 * An end's listeners by event type, as copy-on-write arrays: dispatch iterates a snapshot without
 * locking, and an end with no listeners of a type (a returned end has none at all) costs no array
 * of its own. Registration follows DOM {@code EventTarget}s: adding an equal listener twice keeps one.
 */
final class Listeners {

    private static final EventListener<?>[] NONE = new EventListener<?>[0];

    private static final EventListener<?>[][] EMPTY = { NONE, NONE, NONE, NONE };

    private volatile EventListener<?>[][] byType = EMPTY;

    /** The listeners of a type at this moment, in registration order; never modified. */
    EventListener<?>[] of(EventType<?> type) {
        return this.byType[type.index()];
    }

    synchronized void add(EventType<?> type, EventListener<?> listener) {
        EventListener<?>[] current = this.byType[type.index()];
        if (indexOf(current, listener) >= 0) {
            return;
        }
        EventListener<?>[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = listener;
        replace(type, grown);
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
