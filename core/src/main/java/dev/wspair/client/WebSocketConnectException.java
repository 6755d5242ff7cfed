package dev.wspair.client;

/**
 * A WebSocket to another server could not be opened: the server was unreachable, did not answer
 * the handshake in time, or answered it wrongly. A server that answers with another status than
 * {@code 101} is no error for {@link WebSocketClient#fetch fetch} (its {@link UpgradeResponse} carries
 * the status and body, as a Workers {@code fetch()} resolves); for
 * {@link WebSocketClient#connect(String) connect} it is one, with Workers' text.
 */
public final class WebSocketConnectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WebSocketConnectException(String message) {
        super(message);
    }

    WebSocketConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
