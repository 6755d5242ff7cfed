package dev.wspair.benchmarks.load;

import io.netty.buffer.ByteBuf;

/** What a connection does with the messages it receives; called on the generator's event loop. */
@FunctionalInterface
public interface Behaviour {

    /** Ignores every message: idle connections. */
    Behaviour IGNORE = (connection, buf, index, length) -> {
    };

    /**
     * A whole text or binary frame arrived.
     * @param connection the connection it arrived on
     * @param buf the buffer holding it, valid only during the call
     * @param index where the payload starts in {@code buf}
     * @param length the payload length
     */
    void onMessage(ClientConnection connection, ByteBuf buf, int index, int length);
}
