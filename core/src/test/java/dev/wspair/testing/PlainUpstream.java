package dev.wspair.testing;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Upstreams written directly on Reactor Netty, for what a wspair route cannot do: drop the TCP
 * connection without a Close frame, or send exactly as fast as the peer reads.
 */
public final class PlainUpstream implements AutoCloseable {

    private final DisposableServer server;

    private final AtomicInteger emitted = new AtomicInteger();

    private PlainUpstream(HttpServer server) {
        this.server = server.host("127.0.0.1").port(0).bindNow();
    }

    /** On {@code /drop}, closes the TCP connection (no Close frame) when the first frame arrives. */
    public static PlainUpstream dropping() {
        return new PlainUpstream(HttpServer.create().route(routes -> routes.ws("/drop", (in, out) -> in.receiveFrames()
            .doOnNext(frame -> in.withConnection(connection -> connection.channel().close()))
            .then())));
    }

    /**
     * On {@code /flood}, sends {@code count} text messages of 1 KiB ("m&lt;index&gt;" padded with
     * dots) as fast as Reactor Netty can write them — it waits while the connection is not writable —
     * then closes with 1000 "done". The send buffer is small, so a peer that stops reading holds it
     * back within kilobytes; {@link #emitted()} counts the messages handed to Reactor Netty.
     */
    public static PlainUpstream flooding(int count) {
        PlainUpstream[] self = new PlainUpstream[1];
        self[0] = new PlainUpstream(HttpServer.create()
            .childOption(ChannelOption.SO_SNDBUF, 16 * 1024)
            .route(routes -> routes.ws("/flood", (in, out) -> Mono.when(
                    out.sendObject(Flux.range(0, count)
                        .map(PlainUpstream::message)
                        .doOnNext(message -> self[0].emitted.incrementAndGet())
                        .map(TextWebSocketFrame::new))
                        .then()
                        .then(out.sendClose(1000, "done")),
                    in.receive().then()))));
        return self[0];
    }

    /** The message a flood sends at an index. */
    public static String message(int index) {
        StringBuilder message = new StringBuilder(1024).append('m').append(index);
        while (message.length() < 1024) {
            message.append('.');
        }
        return message.toString();
    }

    public int emitted() {
        return this.emitted.get();
    }

    public String httpUrl(String path) {
        return "http://127.0.0.1:" + this.server.port() + path;
    }

    @Override
    public void close() {
        this.server.disposeNow();
    }
}
