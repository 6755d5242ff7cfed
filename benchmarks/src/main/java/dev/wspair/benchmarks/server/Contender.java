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
    REACTOR_NETTY("reactor-netty", RawReactorNettyEcho::start),

    /** A Spring WebFlux {@code WebSocketHandler} echo. */
    WEBFLUX("webflux", base -> SpringServer.start(base, WebFluxEcho.class)),

    /** The Worker-style wspair echo: accept, a message listener, send. */
    WSPAIR("wspair", base -> SpringServer.start(base, WspairEcho.class)),

    /** The wspair echo with the starter's Micrometer observer recording every connection and message. */
    WSPAIR_METRICS("wspair-metrics", base -> SpringServer.start(base, WspairEcho.Metered.class)),

    /** A Spring WebFlux chat room: a multicast sink with a bounded buffer per member. */
    WEBFLUX_ROOM("webflux-room", base -> SpringServer.start(base, WebFluxRoom.class)),

    /** A wspair chat room: accepted ends in a set, each message sent to every member. */
    WSPAIR_ROOM("wspair-room", base -> SpringServer.start(base, WspairRoom.class));

    /** The path every echo contender serves. */
    public static final String ECHO_PATH = "/echo";

    /** The path every room contender serves. */
    public static final String ROOM_PATH = "/room";

    private final String id;

    private final Function<HttpServer, DisposableServer> starter;

    Contender(String id, Function<HttpServer, DisposableServer> starter) {
        this.id = id;
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
