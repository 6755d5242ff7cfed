package dev.wspair.webflux;

import java.time.Duration;

/**
 * Server pings for idle connections: when nothing arrived for {@code interval}, wspair sends a
 * Ping; when still nothing (no Pong, no message) arrived {@code timeout} later, it closes the
 * connection with 1001. The defaults follow Centrifugo and Socket.IO (25 s interval, 20 s timeout).
 * Workers sends no pings; {@link #OFF} does the same.
 *
 * @param interval idle time before a Ping is sent; zero for off
 * @param timeout time after that Ping before the connection is closed
 */
public record KeepAlive(Duration interval, Duration timeout) {

    /** The defaults: ping after 25 s of silence, close 20 s later. */
    public static final KeepAlive DEFAULTS = new KeepAlive(Duration.ofSeconds(25), Duration.ofSeconds(20));

    /** No pings and no idle closing, as in Workers. */
    public static final KeepAlive OFF = new KeepAlive(Duration.ZERO, Duration.ZERO);

    /**
     * Validates the durations.
     * @throws IllegalArgumentException for a negative duration, or a zero timeout with pings on
     */
    public KeepAlive {
        if (interval.isNegative() || timeout.isNegative() || (!interval.isZero() && timeout.isZero())) {
            throw new IllegalArgumentException("Keep-alive needs a non-negative interval (zero for off) and a positive timeout, but was interval "
                    + interval + ", timeout " + timeout);
        }
    }

    /**
     * Whether pings are sent.
     * @return whether keep-alive is on
     */
    public boolean enabled() {
        return !this.interval.isZero();
    }
}
