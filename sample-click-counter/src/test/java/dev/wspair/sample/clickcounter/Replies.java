package dev.wspair.sample.clickcounter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact shapes of the server's two replies, byte for byte as the Worker's
 * {@code JSON.stringify} writes them.
 */
final class Replies {

    static final Pattern COUNT = Pattern.compile("\\{\"count\":(\\d+),\"tz\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"\\}");

    static final Pattern ERROR = Pattern.compile("\\{\"error\":\"Unknown message received\",\"tz\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"\\}");

    private Replies() {
    }

    /** Asserts that a reply is a count reply and returns the count. */
    static long count(String reply) {
        Matcher matcher = COUNT.matcher(reply);
        assertThat(matcher.matches()).as("a count reply: %s", reply).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Asserts that a reply is the error reply. */
    static void assertError(String reply) {
        assertThat(reply).matches(ERROR);
    }
}
