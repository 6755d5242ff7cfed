package dev.wspair.sample.chat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chat.rate-limit.*}: the original's budget by default, a configured one when set, and a
 * clear startup failure for a budget that cannot work.
 */
class RateLimitPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void defaultsAreTheOriginals() {
        this.runner.run(context -> assertThat(context.getBean(RateLimitProperties.class)).isEqualTo(RateLimitProperties.ORIGINAL));
    }

    @Test
    void aConfiguredBudgetIsBound() {
        this.runner.withPropertyValues("chat.rate-limit.period=1us", "chat.rate-limit.burst=1000000")
            .run(context -> assertThat(context.getBean(RateLimitProperties.class)).isEqualTo(new RateLimitProperties(Duration.ofNanos(1000), 1_000_000)));
    }

    @Test
    void aPeriodThatIsNotPositiveFailsTheStartupWithTheReason() {
        this.runner.withPropertyValues("chat.rate-limit.period=0s").run(context -> assertThat(context).getFailure()
            .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessage("chat.rate-limit.period must be positive, was PT0S"));
    }

    @Test
    void aBurstBelowOneFailsTheStartupWithTheReason() {
        this.runner.withPropertyValues("chat.rate-limit.burst=0").run(context -> assertThat(context).getFailure()
            .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessage("chat.rate-limit.burst must be at least 1, was 0"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RateLimitProperties.class)
    static class Binding {
    }
}
