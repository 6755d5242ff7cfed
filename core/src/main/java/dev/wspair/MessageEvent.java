package dev.wspair;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text or binary message, like Workers' {@code MessageEvent}: {@link #data()} is a
 * {@link String} for a text frame and a read-only {@link ByteBuffer} for a binary one.
 */
public final class MessageEvent implements Event {

    private final Object data;

    private MessageEvent(Object data) {
        this.data = data;
    }

    static MessageEvent text(String text) {
        return new MessageEvent(text);
    }

    static MessageEvent binary(byte[] bytes) {
        return new MessageEvent(bytes);
    }

    @Override
    public String type() {
        return "message";
    }

    /**
     * The payload as in Workers' {@code event.data}.
     * @return a {@link String} for text, a read-only {@link ByteBuffer} for binary
     */
    public Object data() {
        return isText() ? this.data : binary();
    }

    /**
     * Whether the message arrived as a text frame.
     * @return {@code true} for text, {@code false} for binary
     */
    public boolean isText() {
        return this.data instanceof String;
    }

    /**
     * The text of a text message.
     * @return the text
     * @throws IllegalStateException if the message is binary
     */
    public String text() {
        if (this.data instanceof String text) {
            return text;
        }
        throw new IllegalStateException("This message is binary; use binary() or bytes()");
    }

    /**
     * The payload of a binary message as a read-only buffer.
     * @return a read-only view of the bytes
     * @throws IllegalStateException if the message is text
     */
    public ByteBuffer binary() {
        if (this.data instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }
        throw new IllegalStateException("This message is text; use text()");
    }

    /**
     * A copy of the payload: the bytes of a binary message or the UTF-8 encoding of a text one.
     * @return a new array
     */
    public byte[] bytes() {
        return (this.data instanceof byte[] bytes) ? bytes.clone() : ((String) this.data).getBytes(StandardCharsets.UTF_8);
    }

    int size() {
        return (this.data instanceof byte[] bytes) ? bytes.length : Utf8.length((String) this.data);
    }

    @Override
    public String toString() {
        return isText() ? "MessageEvent[text=" + this.data + "]" : "MessageEvent[binary, " + ((byte[]) this.data).length + " bytes]";
    }
}
