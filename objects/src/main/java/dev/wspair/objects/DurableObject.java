package dev.wspair.objects;

import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A Durable Object class, like a Workers class that extends {@code DurableObject}: one instance per
 * id lives in this process, created on demand by the factory given to
 * {@link ObjectNamespaces#create}, and every method below runs on the object's own serial lane
 * (never two at once, in arrival order, off the Netty event loops, so blocking is allowed).
 * Storage writes made during a call commit when it returns, and frames sent during it leave only
 * after that commit is durable.
 *
 * <p>Only {@link #fetch} is required. A handler an object does not override consumes its event
 * silently, as in Workers.
 */
public interface DurableObject {

    /**
     * Handles a request forwarded by {@link ObjectStub#fetch}. To serve a WebSocket, accept the
     * server end with {@code state.acceptWebSocket(server, tags)} and return
     * {@code WebSocketResponse.of(client)}. The object's next event waits until the returned
     * {@code Mono} has completed.
     * @param request the request
     * @return the response
     */
    Mono<ServerResponse> fetch(ServerRequest request);

    /**
     * Runs when the alarm set with {@code storage().setAlarm(...)} is due. If it throws, it is
     * retried with exponential backoff (2 s, 4 s, ...) up to 6 times, as in Workers.
     */
    default void alarm() {
    }

    /**
     * A message arrived on a socket accepted with {@code state.acceptWebSocket}. Binary messages
     * are always delivered as bytes ({@code message.binary()}), as Workers always gives an
     * {@code ArrayBuffer} here.
     * @param ws the socket
     * @param message the message: {@code message.data()} is a {@code String} or a {@code ByteBuffer}
     */
    default void webSocketMessage(WebSocket ws, MessageEvent message) {
    }

    /**
     * A socket accepted with {@code state.acceptWebSocket} closed; a lost connection arrives as
     * 1006, "WebSocket disconnected without sending Close frame.", not clean. The Close was already
     * answered. This is the socket's last event.
     * @param ws the socket
     * @param code the close code
     * @param reason the reason
     * @param wasClean whether a Close frame was received
     */
    default void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
    }

    /**
     * A socket accepted with {@code state.acceptWebSocket} failed; its last event.
     * @param ws the socket
     * @param error the cause
     */
    default void webSocketError(WebSocket ws, Throwable error) {
    }
}
