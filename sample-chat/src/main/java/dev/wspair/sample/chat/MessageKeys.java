package dev.wspair.sample.chat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The storage keys of chat messages: the message's timestamp as JavaScript's
 * {@code new Date(timestamp).toISOString()} writes it ({@code 2025-07-15T16:32:32.123Z}), which
 * the original uses as the key so that the history lists in time order. A busy room stores
 * thousands of messages a second, so the date and time are formatted once per second and only
 * the milliseconds per message. One per room: not thread-safe.
 */
final class MessageKeys {

    private static final DateTimeFormatter UP_TO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

    private long second = Long.MIN_VALUE;

    private String prefix = "";

    /**
     * The key of a message.
     * @param epochMillis the message's timestamp
     * @return the timestamp in UTC with milliseconds and a {@code Z}
     */
    String of(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        if (epochSecond != this.second) {
            this.prefix = UP_TO_SECONDS.format(Instant.ofEpochSecond(epochSecond));
            this.second = epochSecond;
        }
        char[] tail = { (char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10), (char) ('0' + millis % 10), 'Z' };
        return this.prefix.concat(new String(tail));
    }
}
