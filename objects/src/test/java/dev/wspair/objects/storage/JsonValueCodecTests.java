package dev.wspair.objects.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Values round-trip as JSON, and strings are stored exactly as the mapper writes them. */
class JsonValueCodecTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private final JsonValueCodec codec = new JsonValueCodec(this.mapper);

    @Test
    void stringsAreStoredAsTheMapperWritesThem() {
        for (String text : List.of("", "plain", "{\"name\":\"ann\",\"message\":\"a/b \\\\ \\\"q\\\"\"}", "é \uD83D\uDE00 \u2028 \u007f",
                "\u0000\u0001\u001f\t\n\r\b\f", "lone \uD800 high", "lone \uDC00 low", "ends with \uD83D")) {
            byte[] stored = this.codec.encode(text);
            assertThat(new String(stored, StandardCharsets.UTF_8)).as(text).isEqualTo(new String(this.mapper.writeValueAsBytes(text), StandardCharsets.UTF_8));
            assertThat(this.codec.decode(stored, String.class)).isEqualTo(text);
        }
    }

    @Test
    void otherValuesGoThroughTheMapper() {
        byte[] stored = this.codec.encode(Map.of("n", 1));
        assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(this.codec.decode(stored, Object.class)).isEqualTo(Map.of("n", 1));
        assertThat(new String(this.codec.encode(null), StandardCharsets.UTF_8)).isEqualTo("null");
    }

    @Test
    void storedJsonThatDoesNotFitTheTypeIsAClearError() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.codec.decode("\"text\"".getBytes(StandardCharsets.UTF_8), Integer.class))
            .withMessageStartingWith("Cannot decode the stored JSON as a java.lang.Integer: ");
        assertThatIllegalArgumentException().isThrownBy(() -> this.codec.decode("{".getBytes(StandardCharsets.UTF_8), Map.class))
            .withMessageStartingWith("Cannot decode the stored JSON as a java.util.Map: ");
    }
}
