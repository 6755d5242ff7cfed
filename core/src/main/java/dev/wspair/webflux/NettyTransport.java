package dev.wspair.webflux;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.wspair.CloseCodes;
import dev.wspair.Coupling;
import dev.wspair.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCounted;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * The one outbound pipeline of a connection: frames the accepted end sends wait in a bounded queue
 * until Reactor Netty asks for them; a Close frame leaves after them; a full queue drops what waits
 * and closes the connection according to the {@link OverflowPolicy}. Queued payloads live on the
 * heap (the bytes are copied at {@code send()} time, as Workers does), so a connection that dies
 * with frames still queued holds no pooled memory.
 *
 * <p>When the frames come straight from another connection (a proxy, see
 * {@link #relayingWith(Transport)}), the queue pushes back instead: above half its limits the other
 * connection stops reading (Netty's {@code autoRead} off), and at a quarter it reads again, so a slow
 * reader holds the sender back through TCP. Only what one socket read already decoded can still
 * arrive while paused; the overflow policy remains the last resort.
 */
final class NettyTransport implements Transport {

    private static final Logger logger = LoggerFactory.getLogger(NettyTransport.class);

    private record CloseFrame(int code, String reason) {
    }

    private final WebSocketSettings settings;

    private final Channel channel;

    private final WebsocketOutbound outbound;

    private final Coupling coupling;

    private final String route;

    private final ConnectionObservation observation;

    /** Frames accepted into the queue so far, from any thread: the connection's messages out. */
    private final AtomicLong offeredMessages = new AtomicLong();

    /** Payload bytes accepted into the queue so far: the connection's bytes out. */
    private final AtomicLong offeredBytes = new AtomicLong();

    /**
     * Frames handed to Reactor Netty so far. Only the queue's drain loop, which runs on one thread at
     * a time, writes the two taken counters, so it stores them without an atomic instruction.
     */
    private final AtomicLong takenMessages = new AtomicLong();

    private final AtomicLong takenBytes = new AtomicLong();

    private final AtomicBoolean ending = new AtomicBoolean();

    private volatile long progressSeen = -1;

    private volatile long stalledSinceNanos;

    private final OutboundFrames frames = new OutboundFrames(this::dequeued);

    private volatile @Nullable CloseFrame closeFrame;

    private volatile @Nullable NettyTransport relay;

    private final AtomicBoolean congested = new AtomicBoolean();

    NettyTransport(WebSocketSettings settings, Channel channel, WebsocketOutbound outbound, Coupling coupling, String route,
            ConnectionObservation observation) {
        this.settings = settings;
        this.channel = channel;
        this.outbound = outbound;
        this.coupling = coupling;
        this.route = route;
        this.observation = observation;
    }

    /** Writes every frame handed over, then the Close frame, if any; completes when the connection is done writing. */
    Mono<Void> run() {
        return this.outbound.sendObject(this.frames)
            .then()
            .doOnDiscard(ReferenceCounted.class, NettyTransport::release)
            .onErrorResume(ex -> {
                logger.debug("Outbound stream of socket {} on route {} failed", this.coupling.socketId(), this.route, ex);
                return Mono.empty();
            })
            .then(Mono.defer(this::sendCloseFrame));
    }

    /**
     * Releases a frame dropped anywhere upstream: in the queue, between operators, or in Reactor
     * Netty's own prefetch buffer when the connection ends.
     */
    private static void release(ReferenceCounted frame) {
        if (frame.refCnt() > 0) {
            frame.release();
        }
    }

    @Override
    public void sendText(String text) {
        if (!this.ending.get()) {
            enqueue(new TextWebSocketFrame(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8))), true);
        }
    }

    @Override
    public void sendBinary(byte[] bytes) {
        if (!this.ending.get()) {
            enqueue(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)), false);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (this.ending.compareAndSet(false, true)) {
            this.closeFrame = new CloseFrame(code, reason);
            dropAfterCloseTimeout();
            this.frames.complete();
        }
    }

    @Override
    public void abort() {
        stop();
        drop();
    }

    @Override
    public void relayingWith(Transport other) {
        if (other instanceof NettyTransport netty) {
            this.relay = netty;
        }
    }

    /**
     * Closes at once: frames still waiting are dropped and the Close frame goes next.
     * @return whether this call started the closing
     */
    boolean closeNow(int code, String reason) {
        if (!this.ending.compareAndSet(false, true)) {
            return false;
        }
        this.closeFrame = new CloseFrame(code, reason);
        dropAfterCloseTimeout();
        this.frames.interrupt();
        return true;
    }

    /** The connection ended: frames still waiting are dropped and no Close frame is sent. */
    void stop() {
        this.ending.set(true);
        this.frames.interrupt();
    }

    /** Closes the TCP connection at once, without a Close frame. */
    void drop() {
        this.channel.close();
    }

    int queuedMessages() {
        return (int) Math.max(0, this.offeredMessages.get() - this.takenMessages.get());
    }

    long queuedBytes() {
        return Math.max(0, this.offeredBytes.get() - this.takenBytes.get());
    }

    /** Frames sent on this connection so far, each counted when it entered the queue. */
    long messagesOut() {
        return this.offeredMessages.get();
    }

    /** Payload bytes sent on this connection so far. */
    long bytesOut() {
        return this.offeredBytes.get();
    }

    /** Whether this queue is above its high watermark and has not yet drained to its low one. */
    boolean congested() {
        return this.congested.get();
    }

    private void afterEnqueue() {
        NettyTransport source = this.relay;
        if (source == null || !aboveHighWatermark() || !this.congested.compareAndSet(false, true)) {
            return;
        }
        if (belowLowWatermark()) {
            // The queue drained while this thread decided: undo, or nothing would resume reading.
            this.congested.set(false);
        }
        source.updateReading();
    }

    private void afterDequeue() {
        NettyTransport source = this.relay;
        if (source != null && this.congested.get() && belowLowWatermark() && this.congested.compareAndSet(true, false)) {
            source.updateReading();
        }
    }

    private boolean aboveHighWatermark() {
        return queuedBytes() > this.settings.maxQueuedBytes() / 2 || queuedMessages() > this.settings.maxQueuedMessages() / 2;
    }

    private boolean belowLowWatermark() {
        return queuedBytes() <= this.settings.maxQueuedBytes() / 4 && queuedMessages() <= this.settings.maxQueuedMessages() / 4;
    }

    /**
     * On this connection's event loop, reads while the transport it relays to is not congested.
     * It looks at the congestion when it runs, so however pause and resume requests interleave,
     * the last one leaves reading as the queue is.
     */
    private void updateReading() {
        if (!this.channel.eventLoop().inEventLoop()) {
            this.channel.eventLoop().execute(this::updateReading);
            return;
        }
        NettyTransport target = this.relay;
        boolean read = target == null || !target.congested();
        if (this.channel.config().isAutoRead() != read) {
            this.channel.config().setAutoRead(read);
            logger.debug("Socket {} on route {}: {} reading while the connection it relays to {}", this.coupling.socketId(), this.route,
                    read ? "resumed" : "paused", read ? "caught up" : "is congested");
        }
    }

    private void enqueue(WebSocketFrame frame, boolean text) {
        int size = frame.content().readableBytes();
        long messages = this.offeredMessages.incrementAndGet() - this.takenMessages.get();
        long bytes = this.offeredBytes.addAndGet(size) - this.takenBytes.get();
        String refusal = null;
        if (messages > this.settings.maxQueuedMessages() || (bytes > this.settings.maxQueuedBytes() && messages > 1)) {
            refusal = "the client reads too slowly";
        }
        else if (messages > 1 && stalled()) {
            refusal = "nothing was written for " + this.settings.sendTimeLimit().toMillis() + " ms";
        }
        if (refusal != null) {
            this.offeredMessages.decrementAndGet();
            this.offeredBytes.addAndGet(-size);
            frame.release();
            overflow(messages - 1, bytes - size, refusal);
            return;
        }
        this.observation.sent(text, size);
        this.frames.offer(frame);
        afterEnqueue();
    }

    /** Whether frames have waited without any being written for the send-time limit; reads the clock only with a backlog. */
    private boolean stalled() {
        long dequeued = this.takenMessages.get();
        long now = System.nanoTime();
        if (dequeued != this.progressSeen) {
            this.progressSeen = dequeued;
            this.stalledSinceNanos = now;
            return false;
        }
        return now - this.stalledSinceNanos > this.settings.sendTimeLimit().toNanos();
    }

    /** Called by the drain loop only, one thread at a time: plain ordered stores suffice. */
    private void dequeued(WebSocketFrame frame) {
        this.takenMessages.lazySet(this.takenMessages.get() + 1);
        this.takenBytes.lazySet(this.takenBytes.get() + frame.content().readableBytes());
        afterDequeue();
    }

    private void overflow(long messages, long bytes, String cause) {
        int code = this.settings.overflowPolicy().closeCode();
        String reason = "Outbound queue full: " + cause;
        if (!closeNow(code, reason)) {
            return;
        }
        String detail = reason + " (" + messages + " messages, " + bytes + " bytes waiting; limits "
                + this.settings.maxQueuedMessages() + " messages, " + this.settings.maxQueuedBytes() + " bytes); closing with " + code;
        logger.warn("Socket {} on route {}: {}", this.coupling.socketId(), this.route, detail);
        this.observation.overflowed();
        this.coupling.failed(new OutboundQueueOverflowException(detail));
    }

    private void dropAfterCloseTimeout() {
        this.channel.eventLoop().schedule(() -> {
            if (this.channel.isActive()) {
                logger.debug("Socket {} on route {} did not finish closing within {}; dropping the connection", this.coupling.socketId(), this.route, this.settings.closeTimeout());
                this.channel.close();
            }
        }, this.settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private Mono<Void> sendCloseFrame() {
        CloseFrame close = this.closeFrame;
        if (close == null || !this.channel.isActive()) {
            return Mono.empty();
        }
        Mono<Void> send = (close.code() == CloseCodes.NO_STATUS) ? this.outbound.sendClose() : this.outbound.sendClose(close.code(), close.reason());
        return send.onErrorResume(ex -> Mono.empty());
    }
}
