package dev.wspair.benchmarks.server;

import java.util.Arrays;
import java.util.function.Function;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The servers under comparison. Each binds its routes on the same Reactor Netty {@link HttpServer}
 * base, so transport settings are identical; adding a contender is adding a constant here.
 */
public enum Contender {

    /** Reactor Netty's own WebSocket echo: the ceiling on this stack. */
    REACTOR_NETTY("reactor-netty", Contender.ECHO_PATH, RawReactorNettyEcho::start),

    /** A Spring WebFlux {@code WebSocketHandler} echo. */
    WEBFLUX("webflux", Contender.ECHO_PATH, base -> SpringServer.start(base, WebFluxEcho.class)),

    /** The Worker-style wspair echo: accept, a message listener, send. */
    WSPAIR("wspair", Contender.ECHO_PATH, base -> SpringServer.start(base, WspairEcho.class)),

    /** The wspair echo with the starter's Micrometer observer recording every connection and message. */
    WSPAIR_METRICS("wspair-metrics", Contender.ECHO_PATH, base -> SpringServer.start(base, WspairEcho.Metered.class)),

    /** The wspair echo on the hibernation API: one Durable Object accepts every socket and is evicted when idle. */
    WSPAIR_HIBERNATED("wspair-hibernated", Contender.ECHO_PATH, base -> SpringServer.start(base, WspairHibernatedEcho.class)),

    /** A Spring WebFlux chat room: a multicast sink with a bounded buffer per member. */
    WEBFLUX_ROOM("webflux-room", Contender.ROOM_PATH, base -> SpringServer.start(base, WebFluxRoom.class)),

    /** A wspair chat room: accepted ends in a set, each message sent to every member. */
    WSPAIR_ROOM("wspair-room", Contender.ROOM_PATH, base -> SpringServer.start(base, WspairRoom.class)),

    /** The chat sample's room, a Durable Object storing every message in SQLite; speaks the chat's JSON protocol. */
    CHAT_ROOM("chat-room", ChatRoomServer.PATH, base -> ChatRoomServer.start(base, true)),

    /** The chat sample's room with the in-memory store: the object runtime without SQLite. */
    CHAT_ROOM_MEMORY("chat-room-memory", ChatRoomServer.PATH, base -> ChatRoomServer.start(base, false));

    /** The path every echo contender serves. */
    public static final String ECHO_PATH = "/echo";

    /** The path every room contender serves. */
    public static final String ROOM_PATH = "/room";

    private final String id;

    private final String path;

    private final Function<HttpServer, DisposableServer> starter;

    Contender(String id, String path, Function<HttpServer, DisposableServer> starter) {
        this.id = id;
        this.path = path;
        this.starter = starter;
    }

    /**
     * The name used on the command line, in progress lines and in the results.
     * @return the id
     */
    public String id() {
        return this.id;
    }

    /**
     * The path of this contender's WebSocket endpoint.
     * @return the path
     */
    public String path() {
        return this.path;
    }

    /**
     * Whether this contender speaks the chat sample's JSON protocol (name first, then
     * {@code {"message": …}} frames) rather than relaying raw text.
     * @return whether it is a chat-room contender
     */
    public boolean speaksChat() {
        return this == CHAT_ROOM || this == CHAT_ROOM_MEMORY;
    }

    /**
     * Binds this contender's routes on the base server.
     * @param base the configured Reactor Netty server
     * @return the running server
     */
    public DisposableServer start(HttpServer base) {
        return this.starter.apply(base);
    }

    /**
     * The contender with an id.
     * @param id the id
     * @return the contender
     * @throws IllegalArgumentException for an unknown id, listing the known ones
     */
    public static Contender of(String id) {
        return Arrays.stream(values())
            .filter(contender -> contender.id.equals(id))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown contender '" + id + "'; known: "
                    + Arrays.stream(values()).map(Contender::id).toList()));
    }
}
