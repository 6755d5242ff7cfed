package dev.wspair.sample.chat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter's arithmetic against the original's (Part B3): the next allowed time moves up to now
 * and 5 s on per frame, and the cooldown is what lies beyond a 20 s grace period.
 */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final TestClock clock = TestClock.fixed();

    private final RateLimiter limiter = new RateLimiter(this.clock);

    private long now() {
        Duration sinceEpoch = Duration.between(Instant.EPOCH, this.clock.instant());
        return sinceEpoch.getSeconds() * SECOND + sinceEpoch.getNano();
    }

    private long cooldownAfterCharge(String ip) {
        long end = this.limiter.charge(ip);
        return (end == 0) ? 0 : end - now();
    }

    @Test
    void fourFramesAreFreeThenEachAdds5Seconds() {
        assertThat(cooldownAfterCharge("a")).isZero();
        assertThat(cooldownAfterCharge("a")).isZero();
        assertThat(cooldownAfterCharge("a")).isZero();
        assertThat(cooldownAfterCharge("a")).isZero();
        assertThat(cooldownAfterCharge("a")).isEqualTo(5 * SECOND);
        assertThat(cooldownAfterCharge("a")).isEqualTo(10 * SECOND);
        assertThat(cooldownAfterCharge("a")).isEqualTo(15 * SECOND);
    }

    @Test
    void timeHasTheOriginalsArithmetic() {
        for (int i = 0; i < 7; i++) {
            this.limiter.charge("a");
        }
        // next allowed = now + 35 s; 5 s later, one more frame: 35 - 5 + 5 - 20 = 15 s
        this.clock.advance(Duration.ofSeconds(5));
        assertThat(cooldownAfterCharge("a")).isEqualTo(15 * SECOND);
        // 2.5 s later: 35 - 2.5 + 5 - 20 = 17.5 s
        this.clock.advance(Duration.ofMillis(2500));
        assertThat(cooldownAfterCharge("a")).isEqualTo(17_500_000_000L);
        // long after, the next allowed time is "now" again
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(cooldownAfterCharge("a")).isZero();
    }

    @Test
    void eachIpHasItsOwnBudget() {
        for (int i = 0; i < 5; i++) {
            this.limiter.charge("a");
        }
        assertThat(cooldownAfterCharge("b")).isZero();
        assertThat(cooldownAfterCharge("a")).isEqualTo(10 * SECOND);
    }

    @Test
    void aSocketMayPassOnceItsCooldownHasEnded() {
        for (int i = 0; i < 4; i++) {
            this.limiter.charge("a");
        }
        long end = this.limiter.charge("a");
        assertThat(this.limiter.mayPass(end)).isFalse();
        this.clock.advance(Duration.ofNanos(5 * SECOND - 1));
        assertThat(this.limiter.mayPass(end)).isFalse();
        this.clock.advance(Duration.ofNanos(1));
        assertThat(this.limiter.mayPass(end)).isTrue();
    }

    @Test
    void aFrameWithinTheBudgetStartsNoCooldown() {
        assertThat(this.limiter.charge("a")).as("no cooldown is 0, not the current time").isZero();
        assertThat(this.limiter.mayPass(0)).isTrue();
    }

    @Test
    void fullBucketsAreForgottenAndBehaveAsNewOnes() {
        this.limiter.charge("idle");
        for (int i = 0; i < 6; i++) {
            this.limiter.charge("busy");
        }
        this.clock.advance(Duration.ofSeconds(5));
        this.limiter.forgetFullBuckets();
        assertThat(this.limiter.trackedAddresses()).as("only the IP still owing time is kept").isEqualTo(1);
        // busy owed 30 s, 5 s have passed, one more frame: 30 - 5 + 5 - 20 = 10 s
        assertThat(cooldownAfterCharge("busy")).isEqualTo(10 * SECOND);
        assertThat(cooldownAfterCharge("idle")).isZero();
    }

    @Test
    void aConfiguredBudgetReplacesTheOriginalsNumbers() {
        RateLimiter generous = new RateLimiter(this.clock, new RateLimitProperties(Duration.ofMillis(1), 10));
        for (int i = 0; i < 10; i++) {
            assertThat(generous.charge("a")).as("frame %d starts no cooldown", i + 1).isZero();
        }
        assertThat(generous.charge("a") - now()).isEqualTo(1_000_000L);
    }
}
