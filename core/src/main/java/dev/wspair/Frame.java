package dev.wspair;

/** What one end hands to the other: data, a Close, or news that the connection ended badly. */
sealed interface Frame {

    /** A text message. */
    record Text(String text) implements Frame {
    }

    /** A binary message; the array is owned by the frame. */
    record Binary(byte[] bytes) implements Frame {
    }

    /** A Close frame; {@link CloseCodes#NO_STATUS} stands for an empty body. */
    record Close(int code, String reason) implements Frame {
    }

    /** The connection ended without a Close frame. */
    record Lost(String reason) implements Frame {
    }

    /** An inbound message exceeded the limit; the peer is sent Close 1009. */
    record TooLarge(long size, long limit) implements Frame {

        String message() {
            return "Message is too large: " + (this.size > 0 ? this.size + " > " + this.limit : "a frame exceeded " + this.limit + " bytes");
        }
    }

    /** The connection failed (for example the outbound queue overflowed). */
    record Failed(Throwable error) implements Frame {
    }
}
