package dev.wspair.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Client frames and payloads. Client frames must be masked; a zero masking key leaves the payload
 * as it is, so frames cost the generator no XOR pass. Payloads that carry a time stamp start with
 * a one-letter kind, four hex digits of the sender's index and sixteen hex digits of a
 * {@link System#nanoTime()} value, padded with {@code x} to the wanted size.
 */
public final class Frames {

    /** Bytes before the padding: kind, sender, time stamp. */
    public static final int STAMP_LENGTH = 21;

    private static final byte[] NOTHING = {};

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Frames() {
    }

    /**
     * A masked, final text frame around a payload.
     * @param alloc the allocator
     * @param payload the UTF-8 payload
     * @return the frame
     */
    public static ByteBuf text(ByteBufAllocator alloc, byte[] payload) {
        ByteBuf frame = alloc.buffer(14 + payload.length);
        writeHeader(frame, payload.length);
        frame.writeBytes(payload);
        return frame;
    }

    /**
     * A masked text frame whose payload is a stamp padded to {@code size} bytes.
     * @param alloc the allocator
     * @param kind the kind letter
     * @param sender the sender's index (below 65,536)
     * @param nanos the time stamp
     * @param size the payload size, at least {@link #STAMP_LENGTH}
     * @return the frame
     */
    public static ByteBuf stamped(ByteBufAllocator alloc, char kind, int sender, long nanos, int size) {
        return stamped(alloc, NOTHING, kind, sender, nanos, size, NOTHING);
    }

    /**
     * A masked text frame whose payload is a stamp padded to {@code size} bytes, between two
     * fixed texts, for example the JSON around a chat message.
     * @param alloc the allocator
     * @param before the bytes before the stamp
     * @param kind the kind letter
     * @param sender the sender's index (below 65,536)
     * @param nanos the time stamp
     * @param size the stamped text's size, at least {@link #STAMP_LENGTH}
     * @param after the bytes after the padding
     * @return the frame
     */
    public static ByteBuf stamped(ByteBufAllocator alloc, byte[] before, char kind, int sender, long nanos, int size, byte[] after) {
        int length = before.length + size + after.length;
        ByteBuf frame = alloc.buffer(14 + length);
        writeHeader(frame, length);
        frame.writeBytes(before);
        frame.writeByte(kind);
        for (int shift = 12; shift >= 0; shift -= 4) {
            frame.writeByte(HEX[(sender >>> shift) & 0xf]);
        }
        for (int shift = 60; shift >= 0; shift -= 4) {
            frame.writeByte(HEX[(int) (nanos >>> shift) & 0xf]);
        }
        for (int i = STAMP_LENGTH; i < size; i++) {
            frame.writeByte('x');
        }
        frame.writeBytes(after);
        return frame;
    }

    /**
     * A padding payload of a size.
     * @param size bytes
     * @return {@code size} ASCII bytes
     */
    public static byte[] padding(int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        return payload;
    }

    /**
     * The sender index of a stamped payload.
     * @param buf the buffer
     * @param index where the payload starts
     * @return the sender
     */
    public static int sender(ByteBuf buf, int index) {
        return (int) hex(buf, index + 1, 4);
    }

    /**
     * The time stamp of a stamped payload.
     * @param buf the buffer
     * @param index where the payload starts
     * @return the time stamp
     */
    public static long stamp(ByteBuf buf, int index) {
        return hex(buf, index + 5, 16);
    }

    private static long hex(ByteBuf buf, int from, int digits) {
        long value = 0;
        for (int i = 0; i < digits; i++) {
            int c = buf.getByte(from + i);
            value = (value << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return value;
    }

    private static void writeHeader(ByteBuf frame, int length) {
        frame.writeByte(0x81);
        if (length < 126) {
            frame.writeByte(0x80 | length);
        }
        else if (length < 65536) {
            frame.writeByte(0x80 | 126);
            frame.writeShort(length);
        }
        else {
            frame.writeByte(0x80 | 127);
            frame.writeLong(length);
        }
        frame.writeInt(0);
    }
}
