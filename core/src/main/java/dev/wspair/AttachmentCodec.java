package dev.wspair;

import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link WebSocket} attachment into bytes and back. Workers structured-clones the value
 * given to {@code serializeAttachment} at call time and limits the clone to 16,384 bytes; wspair
 * encodes it with the socket's codec at call time and applies the same limit to the bytes.
 *
 * <p>Every socket starts with {@link #standard()}. The Durable Objects runtime gives sockets that
 * an object accepts with {@code state.acceptWebSocket} its own codec (JSON by default) through
 * {@link Hibernation#useAttachmentCodec}.
 */
public interface AttachmentCodec {

    /**
     * Encodes a value.
     * @param value the value, or {@code null}
     * @return the bytes
     * @throws IllegalArgumentException if the value cannot be encoded
     */
    byte[] encode(@Nullable Object value);

    /**
     * Decodes bytes produced by {@link #encode}.
     * @param bytes the bytes
     * @param type the expected type; {@code Object.class} for the codec's natural representation
     * @param <T> the type
     * @return the value, or {@code null}
     * @throws IllegalArgumentException if the bytes do not hold a value of that type
     */
    <T> @Nullable T decode(byte[] bytes, Class<T> type);

    /**
     * The codec every socket starts with: the subset of JavaScript's structured clone that has an
     * obvious Java form, namely {@code null}, {@link String}, {@link Boolean}, {@link Integer},
     * {@link Long}, {@link Double}, {@code byte[]}, {@link java.util.List} and
     * {@link java.util.Map} with {@link String} keys, nested freely. Decoding gives back the same
     * types ({@code ArrayList} and {@code LinkedHashMap} for collections).
     * @return the codec
     */
    static AttachmentCodec standard() {
        return StandardAttachmentCodec.INSTANCE;
    }
}
