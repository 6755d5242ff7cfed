package dev.wspair.objects;

import dev.wspair.objects.storage.KeyRange;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code storage().list(options, type)}, as Workers' list options: {@code start}
 * (inclusive) or {@code startAfter} (exclusive), {@code end} (exclusive), {@code prefix},
 * {@code reverse} and {@code limit}. As in Workers, {@code reverse} does not change what start and
 * end mean: the results are the same keys, newest-last becomes newest-first.
 */
public final class ListOptions {

    private @Nullable String start;

    private @Nullable String startAfter;

    private @Nullable String end;

    private @Nullable String prefix;

    private boolean reverse;

    private int limit;

    private ListOptions() {
    }

    /**
     * No restrictions: every key, ascending.
     * @return new options
     */
    public static ListOptions all() {
        return new ListOptions();
    }

    /**
     * Only keys with a prefix.
     * @param prefix the prefix
     * @return new options
     */
    public static ListOptions prefix(String prefix) {
        return new ListOptions().withPrefix(prefix);
    }

    /**
     * Restricts to keys with a prefix.
     * @param prefix the prefix
     * @return these options
     */
    public ListOptions withPrefix(String prefix) {
        this.prefix = prefix;
        return this;
    }

    /**
     * Starts at a key, inclusive.
     * @param start the smallest key
     * @return these options
     * @throws IllegalArgumentException if {@code startAfter} is set
     */
    public ListOptions start(String start) {
        if (this.startAfter != null) {
            throw new IllegalArgumentException("start and startAfter cannot be used together");
        }
        this.start = start;
        return this;
    }

    /**
     * Starts after a key, exclusive.
     * @param startAfter the key to skip past
     * @return these options
     * @throws IllegalArgumentException if {@code start} is set
     */
    public ListOptions startAfter(String startAfter) {
        if (this.start != null) {
            throw new IllegalArgumentException("start and startAfter cannot be used together");
        }
        this.startAfter = startAfter;
        return this;
    }

    /**
     * Ends before a key, exclusive.
     * @param end the key to stop at
     * @return these options
     */
    public ListOptions end(String end) {
        this.end = end;
        return this;
    }

    /**
     * Returns the keys in descending order.
     * @return these options
     */
    public ListOptions reverse() {
        this.reverse = true;
        return this;
    }

    /**
     * Returns at most this many entries.
     * @param limit at least 1
     * @return these options
     * @throws IllegalArgumentException for a limit below 1
     */
    public ListOptions limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
        this.limit = limit;
        return this;
    }

    KeyRange range() {
        return new KeyRange(this.start, this.startAfter, this.end, this.prefix);
    }

    boolean isReverse() {
        return this.reverse;
    }

    int limitOrZero() {
        return this.limit;
    }
}
