package dev.wspair;

/**
 * A typed event name for {@link WebSocket#addEventListener}: {@link #MESSAGE}, {@link #CLOSE},
 * {@link #ERROR} and {@link #OPEN} carry the names Workers uses, so a listener's parameter type
 * is checked by the compiler.
 *
 * @param <E> the event class delivered to listeners of this type
 */
public final class EventType<E extends Event> {

    /** {@code "message"}: a text or binary message arrived. */
    public static final EventType<MessageEvent> MESSAGE = new EventType<>("message", 0);

    /** {@code "close"}: the peer's Close frame arrived or the connection was lost. */
    public static final EventType<CloseEvent> CLOSE = new EventType<>("close", 1);

    /** {@code "error"}: the socket failed. */
    public static final EventType<ErrorEvent> ERROR = new EventType<>("error", 2);

    /** {@code "open"}: a client socket connected (never fired by pair ends). */
    public static final EventType<OpenEvent> OPEN = new EventType<>("open", 3);

    private final String name;

    private final int index;

    private EventType(String name, int index) {
        this.name = name;
        this.index = index;
    }

    /**
     * The event name as in Workers.
     * @return the name
     */
    public String name() {
        return this.name;
    }

    int index() {
        return this.index;
    }

    @Override
    public String toString() {
        return this.name;
    }
}
