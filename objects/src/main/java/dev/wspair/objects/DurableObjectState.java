package dev.wspair.objects;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import dev.wspair.Hibernation;
import dev.wspair.WebSocket;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime gives a Durable Object when it constructs it, as Workers' {@code ctx}
 * ({@code DurableObjectState}): the object's id, its storage, and the WebSocket hibernation API.
 * One state belongs to one instance; after an eviction the next instance gets a new state that
 * sees the same sockets, tags, attachments and auto-response.
 */
public final class DurableObjectState {

    private final ObjectSlot<?> slot;

    private final ObjectSlot.Instance<?> instance;

    <T extends DurableObject> DurableObjectState(ObjectSlot<T> slot, ObjectSlot.Instance<T> instance) {
        this.slot = slot;
        this.instance = instance;
    }

    /**
     * The object's id.
     * @return the id
     */
    public ObjectId id() {
        return this.slot.id();
    }

    /**
     * The object's storage.
     * @return the storage
     */
    public DurableObjectStorage storage() {
        return this.instance.storage;
    }

    /**
     * Runs initialisation before any other event reaches the object, as Workers'
     * {@code blockConcurrencyWhile}. Events of one object never overlap here, so the callback simply
     * runs now; call it from the constructor to load state. If it throws, the instance is reset (the
     * next event constructs a new one) and the exception is rethrown.
     * @param callback the initialisation
     * @param <R> the result type
     * @return what the callback returned
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <R> R blockConcurrencyWhile(Supplier<R> callback) {
        try {
            return callback.get();
        }
        catch (RuntimeException ex) {
            ((ObjectSlot) this.slot).reset(this.instance, ex);
            throw ex;
        }
    }

    /**
     * Accepts a socket as hibernatable, without tags.
     * @param ws the server end of a fresh {@code WebSocketPair}
     * @see #acceptWebSocket(WebSocket, Collection)
     */
    public void acceptWebSocket(WebSocket ws) {
        acceptWebSocket(ws, List.of());
    }

    /**
     * Accepts a socket as hibernatable, with tags.
     * @param ws the server end of a fresh {@code WebSocketPair}
     * @param tags up to 10 tags of at most 256 characters
     * @see #acceptWebSocket(WebSocket, Collection)
     */
    public void acceptWebSocket(WebSocket ws, String... tags) {
        acceptWebSocket(ws, Arrays.asList(tags));
    }

    /**
     * Accepts a socket as hibernatable, as Workers' {@code state.acceptWebSocket(ws, tags)}: its
     * messages, close and error go to the object's {@code webSocketMessage}, {@code webSocketClose}
     * and {@code webSocketError}, on the object's lane; listeners added to it never fire; it stays
     * connected while the object is evicted; its attachment is encoded with the object's codec.
     * Duplicate tags are dropped.
     * @param ws the server end of a fresh {@code WebSocketPair}, whose client end is then returned
     * with {@code WebSocketResponse.of(client)}
     * @param tags up to 10 tags of at most 256 characters
     * @throws IllegalStateException with Workers' texts if the socket was accepted, or its pair
     * accepted or returned, or {@code "only 32768 websockets can be accepted on a single Durable Object
     * instance"} (with the configured limit)
     * @throws IllegalArgumentException {@code "a Hibernatable WebSocket cannot have more than 10 tags"}
     * or {@code "\"<tag>\" is longer than the max tag length (256 characters)."}
     */
    public void acceptWebSocket(WebSocket ws, Collection<String> tags) {
        this.slot.acceptWebSocket(ws, tags);
    }

    /**
     * Every hibernatable socket of this object, as Workers' {@code getWebSockets()}; a socket is
     * listed until its close or error event has run.
     * @return the sockets
     */
    public List<WebSocket> getWebSockets() {
        return this.slot.webSockets(null);
    }

    /**
     * The hibernatable sockets that carry a tag.
     * @param tag the tag
     * @return the sockets
     */
    public List<WebSocket> getWebSockets(String tag) {
        return this.slot.webSockets(tag);
    }

    /**
     * The tags a socket was accepted with.
     * @param ws the socket
     * @return the tags
     * @throws IllegalStateException {@code "you must call 'acceptWebSocket()' before attempting to
     * access the tags of a WebSocket."} or {@code "only hibernatable websockets can have tags."}
     */
    public List<String> getTags(WebSocket ws) {
        return this.slot.getTags(ws);
    }

    /**
     * Answers a text message equal to the pair's request with its response on every hibernatable
     * socket of this object, without running the object (even while it is evicted).
     * @param pair the request and response
     */
    public void setWebSocketAutoResponse(WebSocketRequestResponsePair pair) {
        this.slot.autoResponse(pair);
    }

    /** Removes the auto-response. */
    public void setWebSocketAutoResponse() {
        this.slot.autoResponse(null);
    }

    /**
     * The auto-response, if one is set.
     * @return the pair, or {@code null}
     */
    public @Nullable WebSocketRequestResponsePair getWebSocketAutoResponse() {
        return this.slot.autoResponse();
    }

    /**
     * When a socket last sent an auto-response; kept across evictions and after the auto-response
     * is removed.
     * @param ws the socket
     * @return the time, or {@code null} if it never did
     */
    public @Nullable Instant getWebSocketAutoResponseTimestamp(WebSocket ws) {
        return Hibernation.lastAutoResponse(ws);
    }
}
