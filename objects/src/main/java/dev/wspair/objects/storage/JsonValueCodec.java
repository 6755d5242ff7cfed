package dev.wspair.objects.storage;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link ValueCodec}: JSON written and read by a Jackson 3 {@link JsonMapper}, so
 * values are records, maps, lists, strings and numbers, readable with any SQLite tool.
 * {@code Object.class} decodes to maps, lists, strings, numbers and booleans, like
 * {@code JSON.parse}.
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
        try {
            return this.mapper.writeValueAsBytes(value);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Cannot encode a " + (value != null ? value.getClass().getName() : "null") + " as JSON: " + ex.getOriginalMessage(), ex);
        }
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
