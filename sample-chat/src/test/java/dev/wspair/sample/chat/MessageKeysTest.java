package dev.wspair.sample.chat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Message keys are {@code toISOString()}, whether a second is formatted anew or reused. */
class MessageKeysTest {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final MessageKeys keys = new MessageKeys();

    @Test
    void keysAreJavaScriptsIsoStrings() {
        assertThat(this.keys.of(1752597152123L)).isEqualTo("2025-07-15T16:32:32.123Z");
        assertThat(this.keys.of(1752597152000L)).as("whole seconds keep their zeros").isEqualTo("2025-07-15T16:32:32.000Z");
        assertThat(this.keys.of(1752597152007L)).isEqualTo("2025-07-15T16:32:32.007Z");
        assertThat(this.keys.of(1752597153050L)).as("the next second").isEqualTo("2025-07-15T16:32:33.050Z");
        assertThat(this.keys.of(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(this.keys.of(-1)).as("before the epoch, as Date does").isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    void keysMatchAFullFormatterInAnyOrder() {
        SplittableRandom random = new SplittableRandom(42);
        long base = 1752597152123L;
        for (int i = 0; i < 20_000; i++) {
            long millis = (i % 2 == 0) ? base + i * 37L : random.nextLong(-62_000_000_000_000L, 253_000_000_000_000L);
            assertThat(this.keys.of(millis)).as("%d", millis).isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(millis)));
        }
    }
}
