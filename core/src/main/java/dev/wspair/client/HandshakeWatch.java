package dev.wspair.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

import org.springframework.http.HttpHeaders;

/**
 * Watches the answer to one upgrade request, between Reactor Netty's HTTP codec and its reactive
 * bridge: it keeps the status, headers and body of a refusal (Reactor Netty fails the handshake
 * and discards the body), and drops the connection if no answer arrives in time. It removes itself
 * once the answer has passed.
 */
final class HandshakeWatch extends ChannelInboundHandlerAdapter {

    private static final String NAME = "wspair.handshakeWatch";

    /** A non-{@code 101} answer. */
    record Refusal(int status, HttpHeaders headers, byte[] body) {
    }

    private final Duration timeout;

    private volatile @Nullable Refusal refusal;

    private volatile boolean timedOut;

    private @Nullable ScheduledFuture<?> timer;

    private HandshakeWatch(Duration timeout) {
        this.timeout = timeout;
    }

    /** Installs a watch on the connection that is about to send an upgrade request. */
    static HandshakeWatch install(Connection connection, Duration timeout) {
        HandshakeWatch watch = new HandshakeWatch(timeout);
        connection.channel().pipeline().addBefore(NettyPipeline.ReactiveBridge, NAME, watch);
        return watch;
    }

    @Nullable Refusal refusal() {
        return this.refusal;
    }

    boolean timedOut() {
        return this.timedOut;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.timer = ctx.executor().schedule(() -> {
            this.timedOut = true;
            ctx.close();
        }, this.timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ScheduledFuture<?> scheduled = this.timer;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response) {
            if (!HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
                HttpHeaders headers = new HttpHeaders();
                for (Map.Entry<String, String> header : response.headers()) {
                    headers.add(header.getKey(), header.getValue());
                }
                byte[] body = (msg instanceof FullHttpResponse full) ? ByteBufUtil.getBytes(full.content()) : new byte[0];
                this.refusal = new Refusal(response.status().code(), headers, body);
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
