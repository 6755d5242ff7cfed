package dev.wspair.objects.storage;

import org.jspecify.annotations.Nullable;

/**
 * Turns the values a Durable Object stores into bytes and back. Workers stores any
 * structured-cloneable value; wspair stores bytes produced by this codec, by default JSON written
 * by the application's Jackson 3 {@code JsonMapper} ({@link JsonValueCodec}). The same codec
 * encodes the attachments of sockets an object accepts with {@code state.acceptWebSocket}.
 */
public interface ValueCodec {

    /**
     * Encodes a value.
     * @param value the value
     * @return the bytes
     * @throws IllegalArgumentException if the value cannot be encoded
     */
    byte[] encode(@Nullable Object value);

    /**
     * Decodes a value.
     * @param bytes bytes produced by {@link #encode}
     * @param type the type to decode into; {@code Object.class} gives the codec's natural form
     * @param <T> the type
     * @return the value
     * @throws IllegalArgumentException if the bytes do not hold a value of that type
     */
    <T> @Nullable T decode(byte[] bytes, Class<T> type);
}
