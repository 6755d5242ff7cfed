package dev.wspair;

/**
 * Fired at most once when a socket fails (an oversized inbound message, an outbound queue that
 * overflowed, a transport error), like Workers' {@code ErrorEvent}. Afterwards the socket is
 * {@link WebSocket#READY_STATE_CLOSED CLOSED} and further {@code send()}/{@code close()} calls are
 * ignored.
 *
 * @param message the error text, e.g. {@code "Message is too large: 2097152 > 1048576"}
 * @param error the cause
 */
public record ErrorEvent(String message, Throwable error) implements Event {

    @Override
    public String type() {
        return "error";
    }
}
