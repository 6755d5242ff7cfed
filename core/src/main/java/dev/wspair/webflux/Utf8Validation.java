package dev.wspair.webflux;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Checks that text payloads are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF). ASCII is recognised eight bytes at a time; the rest goes through the
 * JDK's strict decoder. A fragmented message is checked one fragment at a time with a
 * {@link Fragments} that carries an incomplete sequence over to the next fragment.
 */
final class Utf8Validation {

    private static final long NON_ASCII = 0x8080808080808080L;

    private Utf8Validation() {
    }

    /**
     * Whether the readable bytes are well-formed UTF-8.
     * @param content the payload
     * @return whether it is valid
     */
    static boolean isValid(ByteBuf content) {
        int index = content.readerIndex();
        int end = content.writerIndex();
        while (end - index >= Long.BYTES && (content.getLong(index) & NON_ASCII) == 0) {
            index += Long.BYTES;
        }
        while (index < end && content.getByte(index) >= 0) {
            index++;
        }
        if (index == end) {
            return true;
        }
        try {
            strictDecoder().decode(content.nioBuffer(index, end - index));
            return true;
        }
        catch (CharacterCodingException ex) {
            return false;
        }
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The UTF-8 check of one fragmented text message, fed fragment by fragment. */
    static final class Fragments {

        private final CharsetDecoder decoder = strictDecoder();

        private ByteBuffer carried = ByteBuffer.allocate(0);

        /**
         * Checks the next fragment.
         * @param content the fragment's payload
         * @param last whether it ends the message, so that an incomplete sequence is an error
         * @return whether the message is still valid
         */
        boolean accept(ByteBuf content, boolean last) {
            ByteBuffer input = ByteBuffer.allocate(this.carried.remaining() + content.readableBytes());
            input.put(this.carried).put(content.nioBuffer()).flip();
            CharBuffer output = CharBuffer.allocate(input.remaining() + 1);
            CoderResult result = this.decoder.decode(input, output, last);
            if (result.isError() || (last && (input.hasRemaining() || this.decoder.flush(output).isError()))) {
                return false;
            }
            this.carried = input.slice();
            return true;
        }
    }
}
