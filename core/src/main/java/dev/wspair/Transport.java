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
}
