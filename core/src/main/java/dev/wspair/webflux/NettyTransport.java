package dev.wspair.webflux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
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

    private final AtomicInteger queuedMessages = new AtomicInteger();

    private final AtomicLong queuedBytes = new AtomicLong();

    private final AtomicBoolean ending = new AtomicBoolean();

    private final AtomicLong dequeuedCount = new AtomicLong();

    private volatile long progressSeen = -1;

    private volatile long stalledSinceNanos;

    private final Sinks.One<CloseFrame> interrupt = Sinks.one();

    private final Flux<WebSocketFrame> frames;

    private final Object subscription = new Object();

    private @Nullable ArrayDeque<WebSocketFrame> early = new ArrayDeque<>();

    private boolean completeEarly;

    private volatile @Nullable CloseFrame closeFrame;

    private volatile @Nullable FluxSink<WebSocketFrame> sink;

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
        Flux<WebSocketFrame> created = Flux.create(this::subscribed, FluxSink.OverflowStrategy.BUFFER);
        this.frames = created.doOnNext(this::dequeued)
            .takeUntilOther(this.interrupt.asMono());
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

    /** Frames handed over before Reactor Netty subscribed go first, then the sink takes over. */
    private void subscribed(FluxSink<WebSocketFrame> emitter) {
        synchronized (this.subscription) {
            ArrayDeque<WebSocketFrame> backlog = this.early;
            if (backlog != null) {
                backlog.forEach(emitter::next);
            }
            this.early = null;
            if (this.completeEarly) {
                emitter.complete();
            }
            this.sink = emitter;
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
            FluxSink<WebSocketFrame> emitter = this.sink;
            if (emitter == null) {
                synchronized (this.subscription) {
                    emitter = this.sink;
                    if (emitter == null) {
                        this.completeEarly = true;
                        return;
                    }
                }
            }
            emitter.complete();
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
        this.interrupt.tryEmitEmpty();
        return true;
    }

    /** The connection ended: frames still waiting are dropped and no Close frame is sent. */
    void stop() {
        this.ending.set(true);
        this.interrupt.tryEmitEmpty();
        synchronized (this.subscription) {
            ArrayDeque<WebSocketFrame> backlog = this.early;
            if (backlog != null) {
                backlog.forEach(WebSocketFrame::release);
                backlog.clear();
            }
        }
    }

    /** Closes the TCP connection at once, without a Close frame. */
    void drop() {
        this.channel.close();
    }

    int queuedMessages() {
        return this.queuedMessages.get();
    }

    long queuedBytes() {
        return this.queuedBytes.get();
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
        return this.queuedBytes.get() > this.settings.maxQueuedBytes() / 2 || this.queuedMessages.get() > this.settings.maxQueuedMessages() / 2;
    }

    private boolean belowLowWatermark() {
        return this.queuedBytes.get() <= this.settings.maxQueuedBytes() / 4 && this.queuedMessages.get() <= this.settings.maxQueuedMessages() / 4;
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
        int messages = this.queuedMessages.incrementAndGet();
        long bytes = this.queuedBytes.addAndGet(size);
        String refusal = null;
        if (messages > this.settings.maxQueuedMessages() || (bytes > this.settings.maxQueuedBytes() && messages > 1)) {
            refusal = "the client reads too slowly";
        }
        else if (messages > 1 && stalled()) {
            refusal = "nothing was written for " + this.settings.sendTimeLimit().toMillis() + " ms";
        }
        if (refusal != null) {
            this.queuedMessages.decrementAndGet();
            this.queuedBytes.addAndGet(-size);
            frame.release();
            overflow(messages - 1, bytes - size, refusal);
            return;
        }
        this.observation.sent(text, size);
        FluxSink<WebSocketFrame> emitter = this.sink;
        if (emitter == null) {
            synchronized (this.subscription) {
                emitter = this.sink;
                if (emitter == null) {
                    this.early.add(frame);
                    afterEnqueue();
                    return;
                }
            }
        }
        emitter.next(frame);
        afterEnqueue();
    }

    /** Whether frames have waited without any being written for the send-time limit; reads the clock only with a backlog. */
    private boolean stalled() {
        long dequeued = this.dequeuedCount.get();
        long now = System.nanoTime();
        if (dequeued != this.progressSeen) {
            this.progressSeen = dequeued;
            this.stalledSinceNanos = now;
            return false;
        }
        return now - this.stalledSinceNanos > this.settings.sendTimeLimit().toNanos();
    }

    private void dequeued(WebSocketFrame frame) {
        this.dequeuedCount.incrementAndGet();
        this.queuedMessages.decrementAndGet();
        this.queuedBytes.addAndGet(-frame.content().readableBytes());
        afterDequeue();
    }

    private void overflow(int messages, long bytes, String cause) {
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
