package dev.wspair.sample.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rate limiter's budget per client IP ({@code chat.rate-limit.*}), by default the original
 * Worker's: one frame per 5 s after a grace of 4 frames. Load tests raise it, for example
 * {@code chat.rate-limit.period=1us} and {@code chat.rate-limit.burst=1000000}.
 *
 * @param period time that buys one more frame; the sustained rate is one frame per period
 * @param burst frames an IP may send at once before the period applies
 */
@ConfigurationProperties("chat.rate-limit")
record RateLimitProperties(@DefaultValue("5s") Duration period, @DefaultValue("4") int burst) {

    /** The original's numbers. */
    static final RateLimitProperties ORIGINAL = new RateLimitProperties(Duration.ofSeconds(5), 4);

    RateLimitProperties {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("chat.rate-limit.period must be positive, was " + period);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("chat.rate-limit.burst must be at least 1, was " + burst);
        }
    }
}
