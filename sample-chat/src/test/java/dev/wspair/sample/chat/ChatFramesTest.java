package dev.wspair.sample.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frames' bytes and JavaScript's string conversions, without a server.
 */
class ChatFramesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChatFrames frames = new ChatFrames();

    @Test
    void serverFramesAreWrittenAsJsonStringifyWritesThem() {
        assertThat(this.frames.joined("ann")).isEqualTo("{\"joined\":\"ann\"}");
        assertThat(this.frames.quit("ann")).isEqualTo("{\"quit\":\"ann\"}");
        assertThat(this.frames.ready()).isEqualTo("{\"ready\":true}");
        assertThat(this.frames.error("Name too long.")).isEqualTo("{\"error\":\"Name too long.\"}");
        assertThat(this.frames.chat("ann", "a/b \"q\" \\ \u0001\u001f\t\n é \uD83D\uDE00", 1752597152123L))
            .isEqualTo("{\"name\":\"ann\",\"message\":\"a/b \\\"q\\\" \\\\ \\u0001\\u001f\\t\\n é \uD83D\uDE00\",\"timestamp\":1752597152123}");
    }

    @Test
    void loneSurrogatesAreEscapedAsJsonStringifyEscapesThemAndPairsAreKept() {
        assertThat(this.frames.chat("a\uD800", "\uDC00b \uD83D\uDE00 \uDE00\uD83D", 1))
            .isEqualTo("{\"name\":\"a\\ud800\",\"message\":\"\\udc00b \uD83D\uDE00 \\ude00\\ud83d\",\"timestamp\":1}");
        assertThat(this.frames.joined("x\uD83D")).isEqualTo("{\"joined\":\"x\\ud83d\"}");
    }

    @ParameterizedTest
    @CsvSource({ "0, 0", "-0.0, 0", "1, 1", "-7, -7", "1.5, 1.5", "0.1, 0.1", "1e21, 1e+21", "123456789012345680000, 123456789012345680000",
            "1e-6, 0.000001", "1e-7, 1e-7", "1.25e-7, 1.25e-7", "2.5e30, 2.5e+30", "12345678901234567890, 12345678901234567000" })
    void numbersAreWrittenAsJavaScriptWritesThem(double value, String text) {
        assertThat(ChatFrames.jsNumber(value)).isEqualTo(text);
    }

    @Test
    void infinityComesFromNumbersTooLargeForADouble() {
        assertThat(ChatFrames.string(JSON.readTree("{\"m\":1e400}"), "m")).isEqualTo("Infinity");
        assertThat(ChatFrames.string(JSON.readTree("{\"m\":-1e400}"), "m")).isEqualTo("-Infinity");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                      | undefined",
            "{\"m\":null}            | null",
            "{\"m\":\"text\"}        | text",
            "{\"m\":true}            | true",
            "{\"m\":[]}              | ''",
            "{\"m\":[null,[1,[2]],{}]} | ,1,2,[object Object]",
            "{\"m\":{}}              | [object Object]" })
    void valuesBecomeStringsAsWithJavaScriptsConcatenation(String json, String text) {
        JsonNode frame = JSON.readTree(json);
        assertThat(ChatFrames.string(frame, "m")).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                 | fallback",
            "{\"m\":null}       | fallback",
            "{\"m\":false}      | fallback",
            "{\"m\":0}          | fallback",
            "{\"m\":0.0}        | fallback",
            "{\"m\":\"\"}       | fallback",
            "{\"m\":[]}         | ''",
            "{\"m\":\"0\"}      | 0",
            "{\"m\":-1}         | -1" })
    void falsyValuesGiveTheFallback(String json, String text) {
        assertThat(ChatFrames.stringOr(JSON.readTree(json), "m", "fallback")).isEqualTo(text);
    }
}
