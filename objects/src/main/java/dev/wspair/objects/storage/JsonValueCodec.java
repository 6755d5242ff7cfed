package dev.wspair.objects.storage;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link ValueCodec}: JSON written and read by a Jackson 3 {@link JsonMapper}, so
 * values are records, maps, lists, strings and numbers, readable with any SQLite tool.
 * {@code Object.class} decodes to maps, lists, strings, numbers and booleans, like
 * {@code JSON.parse}. Strings are written as the mapper's defaults write them, without a
 * generator per value.
 */
public final class JsonValueCodec implements ValueCodec {

    private final JsonMapper mapper;

    /**
     * Creates a codec.
     * @param mapper the mapper, usually the application's
     */
    public JsonValueCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public byte[] encode(@Nullable Object value) {
        if (value instanceof String text) {
            byte[] quoted = quoted(text);
            if (quoted != null) {
                return quoted;
            }
        }
        try {
            return this.mapper.writeValueAsBytes(value);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Cannot encode a " + (value != null ? value.getClass().getName() : "null") + " as JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * A string as the mapper writes it by default, escaped by Jackson's own encoder without a
     * generator per value: objects often store text, such as a chat message's JSON frame.
     * {@code null} for a string with a lone surrogate, which the mapper writes as an escape.
     */
    private static byte @Nullable [] quoted(String text) {
        byte[] escaped;
        try {
            escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        byte[] quoted = new byte[escaped.length + 2];
        quoted[0] = '"';
        System.arraycopy(escaped, 0, quoted, 1, escaped.length);
        quoted[quoted.length - 1] = '"';
        return quoted;
    }

    @Override
    public <T> @Nullable T decode(byte[] bytes, Class<T> type) {
        try {
            return this.mapper.readValue(bytes, type);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Cannot decode the stored JSON as a " + type.getName() + ": " + ex.getOriginalMessage(), ex);
        }
    }
}
