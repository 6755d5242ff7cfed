package dev.wspair.webflux;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.wspair.CloseCodes;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings a connection that has been silent for the keep-alive interval and closes it with 1001 when
 * nothing arrives within the timeout after the Ping. Runs on the connection's event loop; any
 * inbound frame (a Pong included) counts as life. It sits in the connection's pipeline and reads the
 * clock once per socket read, not per frame, as Netty's {@code IdleStateHandler} does.
 */
final class KeepAliveTimer extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(KeepAliveTimer.class);

    private final KeepAlive settings;

    private final Channel channel;

    private final NettyTransport transport;

    private final long socketId;

    private final String route;

    private long lastReadNanos = System.nanoTime();

    /** Whether a frame arrived in the socket read under way; the clock is read when the read completes. */
    private boolean reading;

    private long pingSentNanos;

    private @Nullable ScheduledFuture<?> next;

    private volatile boolean cancelled;

    KeepAliveTimer(KeepAlive settings, Channel channel, NettyTransport transport, long socketId, String route) {
        this.settings = settings;
        this.channel = channel;
        this.transport = transport;
        this.socketId = socketId;
        this.route = route;
    }

    /** Joins the connection's pipeline before the handler named and starts the checks, if keep-alive is on. */
    void start(String before) {
        if (this.settings.enabled()) {
            this.channel.pipeline().addBefore(before, "wspair.keepAlive", this);
            this.channel.eventLoop().execute(() -> schedule(this.settings.interval().toNanos()));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        this.reading = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (this.reading) {
            this.reading = false;
            this.lastReadNanos = System.nanoTime();
        }
        ctx.fireChannelReadComplete();
    }

    void cancel() {
        this.cancelled = true;
        ScheduledFuture<?> scheduled = this.next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private void schedule(long delayNanos) {
        if (!this.cancelled) {
            this.next = this.channel.eventLoop().schedule(this::check, Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        long now = System.nanoTime();
        long interval = this.settings.interval().toNanos();
        long timeout = this.settings.timeout().toNanos();
        if (!this.channel.config().isAutoRead()) {
            // Not read on purpose (the peer is not accepted yet, or the connection this one relays
            // to is congested): silence says nothing about the other side, so wait another interval.
            this.lastReadNanos = now;
            this.pingSentNanos = 0;
            schedule(interval);
            return;
        }
        boolean awaitingPong = this.pingSentNanos != 0 && this.lastReadNanos - this.pingSentNanos < 0;
        if (awaitingPong) {
            if (now - this.pingSentNanos >= timeout) {
                String reason = "Keep-alive timeout: nothing received for " + (now - this.lastReadNanos) / 1_000_000 + " ms";
                logger.debug("Socket {} on route {}: {}; closing with 1001", this.socketId, this.route, reason);
                this.transport.closeNow(CloseCodes.GOING_AWAY, reason);
                return;
            }
            schedule(this.pingSentNanos + timeout - now);
            return;
        }
        long idle = now - this.lastReadNanos;
        if (idle < interval) {
            schedule(interval - idle);
            return;
        }
        this.pingSentNanos = now;
        this.channel.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
        schedule(timeout);
    }
}
