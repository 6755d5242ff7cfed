package dev.wspair.benchmarks.load;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Open loop at a fixed total rate: message {@code m} is due at {@code start + m / rate} on
 * connection {@code m % connections}, and its latency is measured from that intended time, so a
 * stalled server or generator cannot hide queueing delay (no coordinated omission). Echoes return
 * in order per connection, so each connection keeps a queue of intended times.
 */
public final class OpenLoopEcho implements Behaviour {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final List<ClientConnection> connections;

    private final double periodNanos;

    private final int payloadSize;

    private final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);

    private long start;

    private long sent;

    private long recordFrom = Long.MAX_VALUE;

    private @Nullable ScheduledFuture<?> ticker;

    /**
     * Creates the behaviour.
     * @param connections the connections to spread messages over
     * @param ratePerSecond total messages per second
     * @param payloadSize bytes per message, at least {@link Frames#STAMP_LENGTH}
     */
    public OpenLoopEcho(List<ClientConnection> connections, double ratePerSecond, int payloadSize) {
        this.connections = connections;
        this.periodNanos = 1e9 / ratePerSecond;
        this.payloadSize = payloadSize;
    }

    /** Starts the schedule, ticking every 200 µs; call on the event loop of the given client. */
    public void start(LoadClient client) {
        this.connections.forEach(connection -> connection.behaviour(this));
        this.start = System.nanoTime();
        this.ticker = client.loop().scheduleAtFixedRate(this::tick, 0, 200, TimeUnit.MICROSECONDS);
    }

    /** Records latencies of messages due from now on, discarding earlier ones; call on the event loop. */
    public void record() {
        this.histogram.reset();
        this.recordFrom = System.nanoTime();
    }

    /** Stops sending; call on the event loop. */
    public void stop() {
        if (this.ticker != null) {
            this.ticker.cancel(false);
        }
    }

    /**
     * Messages sent so far; read on the event loop.
     * @return the count
     */
    public long sent() {
        return this.sent;
    }

    /**
     * Counts messages still unanswered and records them as answered now, so that lost or stuck
     * echoes count as the latency they have reached at least; call on the event loop after
     * {@link #stop} and a drain period.
     * @return how many were unanswered
     */
    public long recordUnanswered() {
        long now = System.nanoTime();
        long unanswered = 0;
        for (ClientConnection connection : this.connections) {
            LongQueue stamps = connection.stamps();
            while (stamps.size() > 0) {
                long intended = stamps.poll();
                if (intended >= this.recordFrom) {
                    this.histogram.recordValue(Math.min(now - intended, HIGHEST_NANOS));
                    unanswered++;
                }
            }
        }
        return unanswered;
    }

    /**
     * The latencies recorded, in nanoseconds; read on the event loop.
     * @return a copy of the histogram
     */
    public Histogram histogram() {
        return this.histogram.copy();
    }

    private void tick() {
        long now = System.nanoTime();
        int count = this.connections.size();
        while (true) {
            long due = this.start + (long) (this.sent * this.periodNanos);
            if (due > now) {
                return;
            }
            ClientConnection connection = this.connections.get((int) (this.sent % count));
            if (connection.isOpen()) {
                connection.stamps().add(due);
                connection.sendNow(Frames.stamped(connection.alloc(), 'E', connection.index() & 0xffff, due, this.payloadSize));
            }
            this.sent++;
        }
    }

    @Override
    public void onMessage(ClientConnection connection, ByteBuf buf, int index, int length) {
        LongQueue stamps = connection.stamps();
        if (stamps.size() == 0) {
            return;
        }
        long intended = stamps.poll();
        if (intended >= this.recordFrom) {
            this.histogram.recordValue(Math.min(System.nanoTime() - intended, HIGHEST_NANOS));
        }
    }
}
