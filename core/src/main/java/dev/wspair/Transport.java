package dev.wspair;

/**
 * The network side of an end that was returned in a response: what the accepted peer sends is
 * handed to it in order. Implemented by bridges such as {@code dev.wspair.webflux}; applications
 * never implement it.
 */
public interface Transport {

    /**
     * Writes a text frame (or queues it, never blocking).
     * @param text the text
     */
    void sendText(String text);

    /**
     * Writes a binary frame (or queues it, never blocking).
     * @param bytes the bytes, owned by the transport from now on
     */
    void sendBinary(byte[] bytes);

    /**
     * Writes a Close frame after the frames already handed over.
     * @param code the close code, or {@link CloseCodes#NO_STATUS} for an empty Close frame
     * @param reason the reason
     */
    void close(int code, String reason);

    /**
     * Drops the connection without a Close frame, so that the far side sees close 1006: what a
     * proxy does when the connection it relays from was lost. Frames still waiting are discarded.
     */
    void abort();

    /**
     * Called when both ends of a pair are coupled to connections, so that frames read by each
     * connection are written straight to the other (a proxy). A transport may use it for flow
     * control: pause reading its connection while the other transport cannot keep up. The default
     * ignores it. It may be called more than once with the same transport.
     * @param other the transport of the other connection
     */
    default void relayingWith(Transport other) {
    }
}
