package dev.wspair;

/**
 * An event dispatched by a {@link WebSocket}: {@link MessageEvent}, {@link CloseEvent},
 * {@link ErrorEvent} or {@link OpenEvent}, mirroring the DOM event classes Workers uses.
 */
public sealed interface Event permits MessageEvent, CloseEvent, ErrorEvent, OpenEvent {

    /**
     * The event's type name as in Workers: {@code "message"}, {@code "close"}, {@code "error"}
     * or {@code "open"}.
     * @return the type name
     */
    String type();
}
