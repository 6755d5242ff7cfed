package dev.wspair;

/**
 * Receives one kind of event from a {@link WebSocket}, like a listener passed to
 * {@code addEventListener} in Workers.
 *
 * <p>A listener runs on the socket's serial lane: never concurrently with another listener of the
 * same socket, and in the order the events arrived. A listener that throws is logged with the
 * route and the socket id; the socket stays usable.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventListener<E extends Event> {

    /**
     * Handles one event.
     * @param event the event
     */
    void handleEvent(E event);
}
