package dev.wspair;

import org.jspecify.annotations.Nullable;

/**
 * The socket of a client's {@code new WebSocket(url)} while its handshake runs: the SPI used by
 * {@code dev.wspair.client}, mirroring Workers' {@code AwaitingConnection} state. The socket handed
 * to the application is readyState 0 until {@link #opened} (accepted automatically, {@code open}
 * event) or {@link #failed} (error event, then close 1006 {@code "Failed to establish websocket
 * connection"}); its peer is {@linkplain #coupling() coupled} to the upstream connection.
 */
public final class ClientHandshake {

    private final WebSocket socket;

    private final Coupling coupling;

    private ClientHandshake(WebSocket socket, Coupling coupling) {
        this.socket = socket;
        this.coupling = coupling;
    }

    /**
     * Creates a connecting socket.
     * @param url the URL as the application gave it, returned by {@link WebSocket#url()}
     * @param cancel cancels the handshake; run when the application closes the socket while it connects
     * @return the handshake
     */
    public static ClientHandshake begin(String url, Runnable cancel) {
        WebSocket socket = new WebSocket(WebSocketPair.DEFAULT_MAX_MESSAGE_SIZE, url, cancel);
        WebSocket upstream = new WebSocket(WebSocketPair.DEFAULT_MAX_MESSAGE_SIZE);
        socket.pairWith(upstream);
        upstream.pairWith(socket);
        return new ClientHandshake(socket, Coupling.claim(upstream));
    }

    /**
     * The socket handed to the application.
     * @return the socket
     */
    public WebSocket socket() {
        return this.socket;
    }

    /**
     * The coupling through which the upstream connection is attached; attach it before
     * {@link #opened} so that the socket's listeners run on the connection's event loop.
     * @return the coupling
     */
    public Coupling coupling() {
        return this.coupling;
    }

    /**
     * The server answered {@code 101}: the socket is accepted and fires {@code open}.
     * @param protocol the negotiated sub-protocol, or {@code null} if none
     * @param extensions the negotiated extensions, or {@code null} if none
     * @return {@code false} if the application closed the socket meanwhile; the caller then drops
     * the connection
     */
    public boolean opened(@Nullable String protocol, @Nullable String extensions) {
        return this.socket.opened(protocol, extensions);
    }

    /**
     * The handshake failed: the socket gets an error event carrying the error, then a close event
     * 1006 {@code "Failed to establish websocket connection"} with {@code wasClean == false}.
     * Ignored if the socket already opened or failed.
     * @param error the cause, whose message becomes the error event's message
     */
    public void failed(Throwable error) {
        this.socket.connectFailed(error);
    }
}
