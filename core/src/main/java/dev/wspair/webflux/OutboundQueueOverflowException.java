package dev.wspair.webflux;

/**
 * The error carried by the error event of a socket whose client read too slowly: its outbound
 * queue reached the configured limit, the queued frames were dropped and the connection is being
 * closed according to the {@link OverflowPolicy}.
 */
public final class OutboundQueueOverflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutboundQueueOverflowException(String message) {
        super(message);
    }
}
