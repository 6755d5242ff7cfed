package dev.wspair.benchmarks.server;

import dev.wspair.webflux.ConnectionLimits;
import dev.wspair.webflux.KeepAlive;
import dev.wspair.webflux.WebSocketSettings;
import io.netty.channel.ChannelOption;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The settings every contender shares: one listening socket on 127.0.0.1 with a 4096 backlog,
 * 1 MiB frames, no compression, Netty answering pings, and for wspair connection caps above the
 * benchmark's 18,000 connections, keep-alive off (the raw contenders send no pings either) and the
 * default outbound queue (1024 messages or 1 MiB per connection).
 */
public final class BenchSettings {

    /** The wspair settings of the benchmark servers. */
    public static final WebSocketSettings WSPAIR = WebSocketSettings.builder()
        .limits(new ConnectionLimits(20_000, 20_000, 100_000, 100_000))
        .keepAlive(KeepAlive.OFF)
        .build();

    /** The frames per subscriber the raw WebFlux room buffers, as wspair's outbound queue does. */
    public static final int ROOM_BUFFER = WSPAIR.maxQueuedMessages();

    /**
     * The chat contenders' outbound queue, in messages. The chat protocol sends a member that
     * names itself the whole roster at once — one {@code joined} frame per named member — so a
     * room larger than the default queue of 1024 would close every later member with 1008 before
     * it could read its roster. Raised to the most sockets one object may hold.
     */
    public static final int CHAT_QUEUED_MESSAGES = 32_768;

    private BenchSettings() {
    }

    /**
     * The Reactor Netty WebSocket spec of the raw Reactor Netty contender, equal to what wspair
     * and its {@code WebSocketService} configure.
     * @return the spec
     */
    public static WebsocketServerSpec spec() {
        return WebsocketServerSpec.builder()
            .maxFramePayloadLength((int) WSPAIR.maxFrameSize())
            .compress(WSPAIR.compression())
            .handlePing(false)
            .build();
    }

    /**
     * The server every contender binds its routes on.
     * @return an unbound server on 127.0.0.1 and a free port
     */
    public static HttpServer base() {
        return HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .option(ChannelOption.SO_BACKLOG, 4096);
    }
}
