package dev.wspair.benchmarks.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * How a room contender's frames look. {@link #PLAIN} rooms relay each text message as it is. The
 * {@link #CHAT} room is the chat sample's: a member names itself with {@code {"name":"m00042"}}
 * and waits for {@code {"ready":true}}, sends {@code {"message":"…"}} and receives
 * {@code {"name":"m00042","message":"…","timestamp":…}}. Either way the message text is a
 * {@linkplain Frames#stamped stamped payload}.
 */
public enum RoomProtocol {

    /** Raw text relayed as it is. */
    PLAIN {
        @Override
        public ByteBuf message(ByteBufAllocator alloc, char kind, int sender, long nanos, int size) {
            return Frames.stamped(alloc, kind, sender, nanos, size);
        }

        @Override
        public int payloadIndex(ByteBuf buf, int index, int length) {
            return (length >= Frames.STAMP_LENGTH) ? index : -1;
        }
    },

    /** The chat sample's JSON frames. */
    CHAT {
        @Override
        public ByteBuf message(ByteBufAllocator alloc, char kind, int sender, long nanos, int size) {
            return Frames.stamped(alloc, MESSAGE_OPEN, kind, sender, nanos, size, MESSAGE_CLOSE);
        }

        @Override
        public int payloadIndex(ByteBuf buf, int index, int length) {
            if (length < CHAT_PREFIX + Frames.STAMP_LENGTH || !matches(buf, index, NAME_KEY)
                    || !matches(buf, index + NAME_KEY.length + NAME_LENGTH, MESSAGE_KEY)) {
                return -1;
            }
            return index + CHAT_PREFIX;
        }

        @Override
        public @Nullable ByteBuf join(ByteBufAllocator alloc, int member) {
            return Frames.text(alloc, ("{\"name\":\"" + name(member) + "\"}").getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public boolean isReady(ByteBuf buf, int index, int length) {
            return length == READY.length && matches(buf, index, READY);
        }

        @Override
        public boolean isError(ByteBuf buf, int index, int length) {
            return length >= ERROR_KEY.length && matches(buf, index, ERROR_KEY);
        }
    };

    /** Member names are {@code m} and five digits, so the message starts at a fixed offset. */
    private static final int NAME_LENGTH = 6;

    private static final byte[] NAME_KEY = ascii("{\"name\":\"");

    private static final byte[] MESSAGE_KEY = ascii("\",\"message\":\"");

    private static final byte[] MESSAGE_OPEN = ascii("{\"message\":\"");

    private static final byte[] MESSAGE_CLOSE = ascii("\"}");

    private static final byte[] READY = ascii("{\"ready\":true}");

    private static final byte[] ERROR_KEY = ascii("{\"error\":");

    private static final int CHAT_PREFIX = NAME_KEY.length + NAME_LENGTH + MESSAGE_KEY.length;

    /**
     * A masked frame carrying a stamped message of {@code size} bytes of text.
     * @param alloc the allocator
     * @param kind the kind letter
     * @param sender the sender's index
     * @param nanos the time stamp
     * @param size the message text's size, at least {@link Frames#STAMP_LENGTH}
     * @return the frame
     */
    public abstract ByteBuf message(ByteBufAllocator alloc, char kind, int sender, long nanos, int size);

    /**
     * Where the stamped message text starts in a received frame.
     * @param buf the buffer
     * @param index where the frame's payload starts
     * @param length the payload length
     * @return the index of the stamp, or {@code -1} if the frame is no room message
     */
    public abstract int payloadIndex(ByteBuf buf, int index, int length);

    /**
     * The frame a member sends to join, or {@code null} if members need not name themselves.
     * @param alloc the allocator
     * @param member the member's index, below 100,000
     * @return the frame
     */
    public @Nullable ByteBuf join(ByteBufAllocator alloc, int member) {
        return null;
    }

    /**
     * Whether a frame says the member's join is complete.
     * @param buf the buffer
     * @param index where the payload starts
     * @param length the payload length
     * @return whether it is the ready frame
     */
    public boolean isReady(ByteBuf buf, int index, int length) {
        return false;
    }

    /**
     * Whether a frame is the server refusing a client frame.
     * @param buf the buffer
     * @param index where the payload starts
     * @param length the payload length
     * @return whether it is an error frame
     */
    public boolean isError(ByteBuf buf, int index, int length) {
        return false;
    }

    /**
     * A member's name in the chat protocol.
     * @param member its index
     * @return {@code m} and five digits
     */
    static String name(int member) {
        if (member < 0 || member >= 100_000) {
            throw new IllegalArgumentException("Member index " + member + " does not fit a five-digit name");
        }
        return String.format("m%05d", member);
    }

    private static boolean matches(ByteBuf buf, int from, byte[] expected) {
        if (from + expected.length > buf.writerIndex()) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buf.getByte(from + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
