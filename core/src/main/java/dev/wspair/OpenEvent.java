package dev.wspair;

/**
 * Fired once when a socket opened by a client connects. As in Workers, ends of a
 * {@link WebSocketPair} never fire it.
 */
public record OpenEvent() implements Event {

    @Override
    public String type() {
        return "open";
    }
}
