package dev.wspair.webflux;

import dev.wspair.DispatchObserver;

/**
 * Observes one connection from upgrade to end: messages and bytes each way, listener time and
 * failures (through {@link DispatchObserver}), queue overflow and the close code.
 */
public interface ConnectionObservation extends DispatchObserver {

    /** Observes nothing. */
    ConnectionObservation NONE = new ConnectionObservation() {

        @Override
        public void dispatched(String eventType, long nanos, int failures) {
        }

        @Override
        public void received(boolean text, int bytes) {
        }

        @Override
        public void sent(boolean text, int bytes) {
        }

        @Override
        public void overflowed() {
        }

        @Override
        public void closed(int code) {
        }
    };

    /**
     * A whole message arrived from the client.
     * @param text whether it was text
     * @param bytes its payload size
     */
    void received(boolean text, int bytes);

    /**
     * A message was queued for the client.
     * @param text whether it is text
     * @param bytes its payload size
     */
    void sent(boolean text, int bytes);

    /** The outbound queue overflowed and the connection is being closed. */
    void overflowed();

    /**
     * The connection ended.
     * @param code the close code that ended it (1006 when it was lost without a Close frame)
     */
    void closed(int code);
}
