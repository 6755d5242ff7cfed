package dev.wspair.objects.storage;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The key order is the order of the keys' UTF-8 bytes, whatever the characters. */
class KeyRangeTests {

    /** Characters whose UTF-16 and UTF-8 orders differ, and ones that encode alike. */
    private static final char[] ALPHABET = { 'a', 'b', '?', '\u007f', '\u0080', '\u07ff', '\u0800', '\uD7FF', '\uE000', '\uFFFD', '\uFFFF',
        '\uD800', '\uD83D', '\uDBFF', '\uDC00', '\uDE00', '\uDFFF' };

    @Test
    void supplementaryCharactersSortAfterTheWholeBasicPlane() {
        assertThat(KeyRange.UTF8_ORDER.compare("\uFFFD", "\uD83D\uDE00")).as("U+FFFD before U+1F600").isNegative();
        assertThat(KeyRange.UTF8_ORDER.compare("\uE000", "\uD800\uDC00")).isNegative();
        assertThat(KeyRange.UTF8_ORDER.compare("\uD7FF", "\uE000")).isNegative();
        assertThat(KeyRange.UTF8_ORDER.compare("b", "ba")).isNegative();
        assertThat(KeyRange.UTF8_ORDER.compare("ba", "ba")).isZero();
    }

    @Test
    void loneSurrogatesCompareAsTheirEncodingDoes() {
        assertThat(KeyRange.UTF8_ORDER.compare("x\uD800", "x?")).as("both encode as x?").isZero();
        assertThat(KeyRange.UTF8_ORDER.compare("x\uD800", "x\uD800\uDC00")).isNegative();
    }

    @Test
    void rangesSelectInTheSameOrder() {
        KeyRange upToEmoji = new KeyRange("\uE000", null, "\uD83D\uDE00", null);
        assertThat(upToEmoji.contains("\uFFFD")).as("U+FFFD lies between U+E000 and U+1F600").isTrue();
        assertThat(upToEmoji.contains("\uD83D\uDE00")).as("the end is exclusive").isFalse();
        assertThat(upToEmoji.contains("\uD7FF")).isFalse();
        KeyRange afterFffd = new KeyRange(null, "\uFFFD", null, "\uD83D");
        assertThat(afterFffd.contains("\uD83D\uDE00")).as("a prefix is matched on the encodings").isFalse();
        assertThat(new KeyRange(null, "\uFFFD", null, null).contains("\uD83D\uDE00")).isTrue();
    }

    @Test
    void theOrderIsTheEncodingsOrderForRandomKeys() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            String a = randomKey(random);
            String b = (i % 3 == 0) ? a + randomKey(random) : randomKey(random);
            int expected = Integer.signum(Arrays.compareUnsigned(KeyRange.utf8(a), KeyRange.utf8(b)));
            assertThat(Integer.signum(KeyRange.UTF8_ORDER.compare(a, b))).as("%s against %s", escaped(a), escaped(b)).isEqualTo(expected);
        }
    }

    private static String randomKey(SplittableRandom random) {
        char[] key = new char[random.nextInt(5)];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(key);
    }

    private static String escaped(String key) {
        StringBuilder text = new StringBuilder();
        key.chars().forEach(c -> text.append(String.format("\\u%04x", c)));
        return text.toString();
    }
}
