package dev.wspair;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Makes a {@link WebSocket} hibernatable, the SPI behind a Durable Object's
 * {@code state.acceptWebSocket(ws, tags)}: the socket's events go to a {@link Handler} (the
 * object's {@code webSocketMessage}, {@code webSocketClose} and {@code webSocketError}) instead
 * of its listeners, and text messages equal to the object's auto-response request are answered on
 * the socket's own lane without reaching the handler. Applications use the objects runtime
 * instead.
 *
 * <p>As in Workers, a hibernatable socket cannot also be {@code accept()}ed ("Can't accept()
 * WebSocket after enabling hibernation.") or returned in a response ("Can't return WebSocket in a
 * Response after calling acceptWebSocket()."), and it answers a received Close automatically.
 */
public final class Hibernation {

    static final String ALREADY_ACCEPTED = "Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`";

    static final String PAIR_USED = "Cannot call `acceptWebSocket()` on this WebSocket because its pair has already been accepted or used in a Response.";

    private Hibernation() {
    }

    /** Receives the events of a hibernatable socket; called on the socket's lane, in arrival order. */
    public interface Handler {

        /**
         * The auto-response for a text message, if it matches the configured request exactly.
         * @param socket the socket the message arrived on
         * @param request the text of the message
         * @return the response to send, or {@code null} to deliver the message to {@link #message}
         */
        @Nullable String autoResponse(WebSocket socket, String request);

        /**
         * A text or binary message arrived.
         * @param socket the socket
         * @param event the message
         */
        void message(WebSocket socket, MessageEvent event);

        /**
         * The socket closed (a Close frame arrived, already answered, or the connection was lost);
         * the last event of the socket.
         * @param socket the socket
         * @param event the close event
         */
        void close(WebSocket socket, CloseEvent event);

        /**
         * The socket failed; the last event of the socket.
         * @param socket the socket
         * @param event the error event
         */
        void error(WebSocket socket, ErrorEvent event);

        /**
         * The tags the socket was accepted with, as Workers' {@code state.getTags(ws)}, for listings
         * such as the actuator endpoint's; called from any thread.
         * @param socket the socket
         * @return the tags, empty if it has none or is no longer listed
         */
        default List<String> tags(WebSocket socket) {
            return List.of();
        }
    }

    /**
     * Checks that a socket could be made hibernatable now, without changing it, with Workers'
     * errors.
     * @param socket the socket
     * @throws IllegalStateException {@code "Cannot call `acceptWebSocket()` if the WebSocket was
     * already accepted via `accept()`"} or {@code "Cannot call `acceptWebSocket()` on this WebSocket
     * because its pair has already been accepted or used in a Response."}
     */
    public static void check(WebSocket socket) {
        socket.checkHibernatable();
    }

    /**
     * Accepts a socket as hibernatable: from now on its events go to the handler.
     * @param socket a pair end that is neither accepted nor returned, whose peer is neither
     * @param handler where its events go
     * @throws IllegalStateException as {@link #check(WebSocket)}
     */
    public static void accept(WebSocket socket, Handler handler) {
        socket.acceptHibernatable(handler);
    }

    /**
     * Whether the socket was accepted through {@link #accept(WebSocket, Handler)}.
     * @param socket the socket
     * @return whether it is hibernatable
     */
    public static boolean isHibernatable(WebSocket socket) {
        return socket.hibernationHandler() != null;
    }

    /**
     * Whether the socket was accepted, with {@code accept()} or as hibernatable.
     * @param socket the socket
     * @return whether it is accepted
     */
    public static boolean isAccepted(WebSocket socket) {
        return socket.isAccepted();
    }

    /**
     * When the socket last sent an auto-response, as Workers'
     * {@code state.getWebSocketAutoResponseTimestamp(ws)}.
     * @param socket the socket
     * @return the time, or {@code null} if it never did
     */
    public static @Nullable Instant lastAutoResponse(WebSocket socket) {
        return socket.lastAutoResponse();
    }

    /**
     * Gives the socket another attachment codec; an attachment already set is re-encoded with it.
     * @param socket the socket
     * @param codec the codec
     * @throws IllegalArgumentException if the existing attachment cannot be re-encoded or is too large
     */
    public static void useAttachmentCodec(WebSocket socket, AttachmentCodec codec) {
        socket.useAttachmentCodec(codec);
    }
}
