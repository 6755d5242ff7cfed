package dev.wspair;

/**
 * Two connected, symmetric {@link WebSocket} ends, like Workers' {@code new WebSocketPair()}. By
 * convention {@link #client()} (index 0) is returned to the client in a {@code 101} response and
 * {@link #server()} (index 1) is accepted and driven by the application.
 *
 * <p>Both ends may be accepted in the same process, which makes a handler testable with no server:
 * accept the client end too, add listeners to it and send to the handler.
 */
public final class WebSocketPair {

    /** Workers' inbound message limit before 2025, and wspair's default: 1 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

    /** Workers' inbound message limit, the most wspair allows: 32 MiB. */
    public static final long MAX_MESSAGE_SIZE_LIMIT = 32L * 1024 * 1024;

    private final WebSocket client;

    private final WebSocket server;

    /** Creates a pair whose ends accept inbound messages of up to 1 MiB. */
    public WebSocketPair() {
        this(DEFAULT_MAX_MESSAGE_SIZE);
    }

    /**
     * Creates a pair with another inbound message limit for ends that talk to each other in this
     * process; an end returned in a response uses the server's configured limit instead.
     * @param maxMessageSize the largest message an end accepts, in bytes (1 to 32 MiB)
     * @throws IllegalArgumentException if the limit is out of range
     */
    public WebSocketPair(long maxMessageSize) {
        if (maxMessageSize < 1 || maxMessageSize > MAX_MESSAGE_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxMessageSize must be between 1 and " + MAX_MESSAGE_SIZE_LIMIT + " bytes, but was " + maxMessageSize);
        }
        this.client = new WebSocket(maxMessageSize);
        this.server = new WebSocket(maxMessageSize);
        this.client.pairWith(this.server);
        this.server.pairWith(this.client);
    }

    /**
     * The end at index 0, by convention returned to the client.
     * @return the client end
     */
    public WebSocket client() {
        return this.client;
    }

    /**
     * The end at index 1, by convention accepted by the application.
     * @return the server end
     */
    public WebSocket server() {
        return this.server;
    }

    /**
     * The end at an index, as {@code pair[0]} and {@code pair[1]} in Workers.
     * @param index 0 or 1
     * @return the end
     * @throws IndexOutOfBoundsException for any other index
     */
    public WebSocket get(int index) {
        return switch (index) {
            case 0 -> this.client;
            case 1 -> this.server;
            default -> throw new IndexOutOfBoundsException("A WebSocketPair has ends 0 and 1, not " + index);
        };
    }
}
