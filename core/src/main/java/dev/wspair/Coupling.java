package dev.wspair;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Connects a returned {@link WebSocket} end to a network connection: the SPI used by bridges such
 * as {@code dev.wspair.webflux}, mirroring what Workers does when a {@code 101} response carrying an
 * end is sent. Applications use {@code WebSocketResponse.of(client)} instead.
 */
public final class Coupling {

    private final WebSocket end;

    private Coupling(WebSocket end) {
        this.end = end;
    }

    /**
     * Claims an end for a response, with Workers' errors for an end that was accepted
     * ({@code "Can't return WebSocket in a Response after calling accept()."}) or already
     * returned ({@code "Can't return WebSocket that was already used in a response."}).
     * @param end the end to return
     * @return the coupling through which the connection is attached
     * @throws IllegalStateException if the end cannot be returned
     */
    public static Coupling claim(WebSocket end) {
        end.release();
        return new Coupling(end);
    }

    /**
     * Attaches the connection: frames queued for the end leave first, then every frame the peer
     * sends goes to the transport. The peer's listeners run on the connection's event loop.
     * @param transport where the peer's frames go
     * @param eventLoop the connection's event loop
     * @param inEventLoop whether the calling thread is that event loop
     * @param route the route template, for logs
     */
    public void attach(Transport transport, Executor eventLoop, BooleanSupplier inEventLoop, String route) {
        attach(transport, eventLoop, inEventLoop, route, DispatchObserver.NONE);
    }

    /**
     * Attaches the connection as {@link #attach(Transport, Executor, BooleanSupplier, String)}
     * does, reporting the peer's listener dispatches to an observer.
     * @param transport where the peer's frames go
     * @param eventLoop the connection's event loop
     * @param inEventLoop whether the calling thread is that event loop
     * @param route the route template, for logs
     * @param observer told how long each dispatch took and how many listeners threw
     */
    public void attach(Transport transport, Executor eventLoop, BooleanSupplier inEventLoop, String route, DispatchObserver observer) {
        this.end.couple(transport, eventLoop, inEventLoop, route, observer);
    }

    /**
     * Runs the action once the peer is accepted or coupled to a connection of its own, at once if
     * it already is. Bridges start reading the network then, as Workers starts a socket's read loop
     * only in {@code accept()}: until then nothing is read, so nothing piles up in memory for an end
     * that nobody listens to, and the sender is held back by TCP.
     * @param action what to run, on the thread that accepts or couples the peer
     */
    public void whenPeerReady(Runnable action) {
        this.end.whenPeerReady(action);
    }

    /**
     * Delivers a text message that arrived from the network to the peer.
     * @param text the text
     */
    public void text(String text) {
        this.end.deliverToPeer(new Frame.Text(text));
    }

    /**
     * Delivers a binary message that arrived from the network to the peer.
     * @param bytes the bytes, owned by the peer from now on
     */
    public void binary(byte[] bytes) {
        this.end.deliverToPeer(new Frame.Binary(bytes));
    }

    /**
     * Delivers the client's Close frame to the peer.
     * @param code the code, {@link CloseCodes#NO_STATUS} for an empty frame
     * @param reason the reason
     */
    public void closed(int code, String reason) {
        this.end.deliverToPeer(new Frame.Close(code, reason));
    }

    /** Tells the peer the connection ended without a Close frame (close 1006, not clean). */
    public void lost() {
        this.end.deliverToPeer(new Frame.Lost(CloseCodes.LOST_REASON));
    }

    /** Tells the peer the handshake failed: close 1006, {@code "Failed to establish websocket connection"}. */
    public void handshakeFailed() {
        this.end.deliverToPeer(new Frame.Lost(WebSocket.HANDSHAKE_FAILED));
    }

    /**
     * Tells the peer an inbound message exceeded the limit (the bridge has sent Close 1009).
     * @param size the message size so far, or 0 if unknown
     * @param limit the limit
     */
    public void tooLarge(long size, long limit) {
        this.end.deliverToPeer(new Frame.TooLarge(size, limit));
    }

    /**
     * Tells the peer the connection failed; it gets an error event.
     * @param error the cause, whose message becomes the event's message
     */
    public void failed(Throwable error) {
        this.end.deliverToPeer(new Frame.Failed(error));
    }

    /**
     * The hibernation tags of the peer, when a Durable Object accepted it with
     * {@code state.acceptWebSocket(ws, tags)}, for listings of open connections.
     * @return the tags, empty unless the peer is hibernatable and tagged
     */
    public List<String> peerTags() {
        return this.end.peerTags();
    }

    /**
     * The id of the peer socket, for logs.
     * @return the id
     */
    public long socketId() {
        return this.end.id();
    }
}
