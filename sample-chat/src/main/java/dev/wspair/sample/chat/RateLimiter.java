package dev.wspair.sample.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * The chat's rate limiter, shared by every room: the Worker's {@code RateLimiter} Durable Object
 * (one per client IP) and the room side of its {@code RateLimiterClient}, with the original's
 * numbers unless {@link RateLimitProperties} change them. Each IP has a Bucket4j token bucket of
 * 4 messages that refills one message every 5 s; every frame a socket is allowed to send takes
 * one token even when the bucket is empty ({@link Bucket#consumeIgnoringRateLimits}), and the time
 * until the bucket is out of debt is the socket's cooldown. That is exactly the original's
 * arithmetic: its "next allowed time" moves up to now plus 5 s per frame, and the cooldown is
 * what lies beyond a 20 s grace period. So an IP sends 4 frames freely, the 5th starts a 5 s
 * cooldown, and the sustained rate is one frame per 5 s.
 *
 * <p>The per-socket "in cooldown" flag is the end of the socket's cooldown, kept by the room in
 * the socket's attachment: a frame that arrives before it is rejected and is not charged. The
 * original's flag also stays up while its asynchronous call to the limiter object is in flight;
 * here the call is synchronous, so a frame is only rejected during a real cooldown. Nothing is
 * persisted, as in the original; an IP whose bucket is full again is forgotten.
 */
final class RateLimiter {

    /** Forget full buckets after this many charges. */
    private static final int SWEEP_EVERY = 4096;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final AtomicLong charges = new AtomicLong();

    private final Clock clock;

    private final TimeMeter time;

    private final RateLimitProperties budget;

    /**
     * Creates a limiter with the original's budget.
     * @param clock the time source of the buckets and cooldowns
     */
    RateLimiter(Clock clock) {
        this(clock, RateLimitProperties.ORIGINAL);
    }

    /**
     * Creates a limiter.
     * @param clock the time source of the buckets and cooldowns
     * @param budget the frames each IP may send
     */
    RateLimiter(Clock clock, RateLimitProperties budget) {
        this.clock = clock;
        this.budget = budget;
        this.time = new TimeMeter() {

            @Override
            public long currentTimeNanos() {
                return nanos(clock.instant());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /**
     * Whether a socket whose cooldown ends at a time may send now.
     * @param cooldownEnd the end of its cooldown, in epoch nanoseconds; 0 for none
     * @return {@code true} once the cooldown is over
     */
    boolean mayPass(long cooldownEnd) {
        return nanos(this.clock.instant()) >= cooldownEnd;
    }

    /**
     * Charges one frame to an IP, as the original's POST to the IP's limiter object.
     * @param ip the client's IP
     * @return the end of the sending socket's cooldown, in epoch nanoseconds, or 0 when the frame
     * starts none (so that the socket's attachment stays as it was)
     */
    long charge(String ip) {
        long[] wait = new long[1];
        this.buckets.compute(ip, (key, bucket) -> {
            Bucket charged = (bucket != null) ? bucket : newBucket();
            wait[0] = charged.consumeIgnoringRateLimits(1);
            return charged;
        });
        if (this.charges.incrementAndGet() % SWEEP_EVERY == 0) {
            forgetFullBuckets();
        }
        return (wait[0] > 0) ? nanos(this.clock.instant()) + wait[0] : 0;
    }

    /** Drops buckets with every token back: they behave exactly like new ones. */
    void forgetFullBuckets() {
        for (String ip : this.buckets.keySet()) {
            this.buckets.computeIfPresent(ip, (key, bucket) -> (bucket.getAvailableTokens() >= this.budget.burst()) ? null : bucket);
        }
    }

    /**
     * How many IPs currently have a bucket.
     * @return the count
     */
    int trackedAddresses() {
        return this.buckets.size();
    }

    private Bucket newBucket() {
        return Bucket.builder()
            .addLimit(limit -> limit.capacity(this.budget.burst()).refillGreedy(1, this.budget.period()))
            .withCustomTimePrecision(this.time)
            .build();
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
