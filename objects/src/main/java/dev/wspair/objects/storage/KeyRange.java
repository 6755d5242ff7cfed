package dev.wspair.objects.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

/**
 * The keys a {@code list} call selects, as in Workers: from {@code start} (inclusive) or after
 * {@code startAfter} (exclusive) up to {@code end} (exclusive), restricted to a {@code prefix}.
 * Keys are ordered by their UTF-8 bytes, as Workers orders them.
 * @param start the smallest key, inclusive, or {@code null}
 * @param startAfter the key after which to start, or {@code null}
 * @param end the key at which to stop, exclusive, or {@code null}
 * @param prefix the prefix every key must have, or {@code null}
 */
public record KeyRange(@Nullable String start, @Nullable String startAfter, @Nullable String end, @Nullable String prefix) {

    /**
     * Keys in the order Workers lists them: by their UTF-8 encodings, byte by byte. Keys are
     * compared without encoding them, since sorted maps compare on every insertion.
     */
    public static final Comparator<String> UTF8_ORDER = KeyRange::compareUtf8;

    /**
     * Whether a key is in the range.
     * @param key the key
     * @return whether it is selected
     */
    public boolean contains(String key) {
        return (this.start == null || compareUtf8(key, this.start) >= 0)
                && (this.startAfter == null || compareUtf8(key, this.startAfter) > 0)
                && (this.end == null || compareUtf8(key, this.end) < 0)
                && (this.prefix == null || startsWith(utf8(key), utf8(this.prefix)));
    }

    /**
     * The inclusive lower bound in bytes, from start and prefix ({@code startAfter} is checked
     * separately).
     * @return the bound, or {@code null} for none
     */
    public byte @Nullable [] lowerBound() {
        byte[] bound = (this.prefix != null) ? utf8(this.prefix) : null;
        if (this.start != null && (bound == null || Arrays.compareUnsigned(utf8(this.start), bound) > 0)) {
            bound = utf8(this.start);
        }
        return bound;
    }

    /**
     * The exclusive upper bound in bytes, from end and prefix.
     * @return the bound, or {@code null} for none
     */
    public byte @Nullable [] upperBound() {
        byte[] bound = (this.prefix != null) ? prefixEnd(utf8(this.prefix)) : null;
        if (this.end != null && (bound == null || Arrays.compareUnsigned(utf8(this.end), bound) < 0)) {
            bound = utf8(this.end);
        }
        return bound;
    }

    /** The smallest byte string greater than every string with the prefix, or {@code null} if there is none. */
    private static byte @Nullable [] prefixEnd(byte[] prefix) {
        int length = prefix.length;
        while (length > 0 && prefix[length - 1] == (byte) 0xFF) {
            length--;
        }
        if (length == 0) {
            return null;
        }
        byte[] end = Arrays.copyOf(prefix, length);
        end[length - 1]++;
        return end;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * Compares two keys as their UTF-8 encodings compare. Up to their first differing character
     * both encode to the same bytes; two differing characters outside the surrogate range order as
     * their code points, and so as their encodings. Where a surrogate differs (a pair's half, or a
     * lone one, which encodes as {@code ?}) the encodings are compared.
     */
    private static int compareUtf8(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Arrays.compareUnsigned(utf8(a), utf8(b));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * The UTF-8 encoding of a key.
     * @param key the key
     * @return its bytes
     */
    public static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
