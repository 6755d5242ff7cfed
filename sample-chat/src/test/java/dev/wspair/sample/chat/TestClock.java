package dev.wspair.sample.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.annotation.Bean;

/**
 * A clock the tests move by hand, optionally ticking forward by a fixed step on every read. The
 * chat takes its time from a {@link Clock} bean when there is one, so importing {@link Fixed} or
 * {@link Ticking} into a test's context replaces the system clock for the rate limiter and the
 * message timestamps.
 */
final class TestClock extends Clock {

    /** Where every test clock starts: 2025-07-15T16:32:32.123Z. */
    static final Instant START = Instant.parse("2025-07-15T16:32:32.123Z");

    private final AtomicLong nanos;

    private final long stepNanos;

    private TestClock(Instant start, Duration step) {
        this.nanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano());
        this.stepNanos = step.toNanos();
    }

    /** A clock that moves only when told to. */
    static TestClock fixed() {
        return new TestClock(START, Duration.ZERO);
    }

    /**
     * A clock that moves forward by a step after every read.
     * @param step how far each read moves it
     */
    static TestClock ticking(Duration step) {
        return new TestClock(START, step);
    }

    void advance(Duration duration) {
        this.nanos.addAndGet(duration.toNanos());
    }

    void set(Instant instant) {
        this.nanos.set(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }

    @Override
    public Instant instant() {
        long now = this.nanos.getAndAdd(this.stepNanos);
        return Instant.ofEpochSecond(0, now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The chat only reads instants");
    }

    /** Imported by tests that control time themselves. */
    static final class Fixed {

        @Bean
        TestClock testClock() {
            return fixed();
        }
    }

    /**
     * Imported by tests whose frames must never meet the rate limiter: every read is 5 s after the
     * previous one, so a socket's cooldown has always passed and an IP's bucket never runs dry.
     */
    static final class Ticking {

        @Bean
        TestClock testClock() {
            return ticking(Duration.ofSeconds(5));
        }
    }
}
