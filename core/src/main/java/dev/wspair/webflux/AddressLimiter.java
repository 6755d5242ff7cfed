package dev.wspair.webflux;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Enforces {@link ConnectionLimits}: reserves a connection slot for a handshake (in all and per
 * client address) and meters handshakes per address with a token bucket. Memory stays bounded
 * under a flood of distinct addresses: idle buckets are dropped once the table grows large.
 */
final class AddressLimiter {

    private static final int PURGE_THRESHOLD = 65_536;

    /** Why a handshake was refused: the short reason for metrics and the text for the client. */
    enum Refusal {

        TOTAL("limit", "Too many WebSocket connections on this server", 5),

        ADDRESS("limit", "Too many WebSocket connections from your address", 5),

        RATE("rate", "Too many WebSocket handshakes from your address; slow down", 1);

        final String tag;

        final String message;

        final int retryAfterSeconds;

        Refusal(String tag, String message, int retryAfterSeconds) {
            this.tag = tag;
            this.message = message;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private record Bucket(double tokens, long updatedNanos) {
    }

    private final ConnectionLimits limits;

    private final AtomicInteger total = new AtomicInteger();

    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    AddressLimiter(ConnectionLimits limits) {
        this.limits = limits;
    }

    /** Takes a handshake token and a connection slot; on refusal nothing is held. */
    @Nullable Refusal acquire(String address) {
        if (!takeToken(address)) {
            return Refusal.RATE;
        }
        if (this.total.incrementAndGet() > this.limits.maxConnections()) {
            this.total.decrementAndGet();
            return Refusal.TOTAL;
        }
        AtomicInteger count = this.perAddress.computeIfAbsent(address, key -> new AtomicInteger());
        if (count.incrementAndGet() > this.limits.maxConnectionsPerAddress()) {
            release(address);
            return Refusal.ADDRESS;
        }
        return null;
    }

    /** Gives back the slot taken by {@link #acquire} when the connection ends or never opened. */
    void release(String address) {
        this.total.decrementAndGet();
        this.perAddress.computeIfPresent(address, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
    }

    private boolean takeToken(String address) {
        long now = System.nanoTime();
        double rate = this.limits.handshakesPerSecondPerAddress();
        double burst = this.limits.handshakeBurst();
        boolean[] taken = new boolean[1];
        this.buckets.compute(address, (key, bucket) -> {
            double tokens = (bucket == null) ? burst : Math.min(burst, bucket.tokens() + (now - bucket.updatedNanos()) * rate / 1e9);
            taken[0] = tokens >= 1;
            return new Bucket(taken[0] ? tokens - 1 : tokens, now);
        });
        if (this.buckets.size() > PURGE_THRESHOLD) {
            long refillNanos = (long) (burst / rate * 1e9);
            this.buckets.values().removeIf(bucket -> now - bucket.updatedNanos() > refillNanos);
        }
        return taken[0];
    }
}
