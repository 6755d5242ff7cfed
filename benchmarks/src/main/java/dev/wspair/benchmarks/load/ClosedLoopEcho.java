package dev.wspair.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Closed loop: every connection keeps {@code inFlight} messages outstanding and sends the next one
 * as each echo arrives. All frames share one pre-encoded buffer, outside Netty's pools (and their
 * leak detection), as it lives as long as the behaviour.
 */
public final class ClosedLoopEcho implements Behaviour {

    private final ByteBuf frame;

    private final int inFlight;

    private boolean running;

    private long received;

    private long outstanding;

    /**
     * Creates the behaviour.
     * @param payloadSize bytes per message
     * @param inFlight messages outstanding per connection
     */
    public ClosedLoopEcho(int payloadSize, int inFlight) {
        ByteBuf encoded = Frames.text(UnpooledByteBufAllocator.DEFAULT, Frames.padding(payloadSize));
        ByteBuffer shared = ByteBuffer.allocateDirect(encoded.readableBytes());
        encoded.readBytes(shared);
        encoded.release();
        this.frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(shared.flip()).asReadOnly());
        this.inFlight = inFlight;
    }

    /**
     * Starts the loop on the connections; call on the generator's event loop.
     * @param connections the connections
     */
    public void start(List<ClientConnection> connections) {
        this.running = true;
        for (ClientConnection connection : connections) {
            connection.behaviour(this);
            for (int i = 0; i < this.inFlight; i++) {
                connection.send(this.frame.duplicate());
                this.outstanding++;
            }
            connection.flush();
        }
    }

    /** Stops sending; outstanding echoes still arrive. Call on the event loop. */
    public void stop() {
        this.running = false;
    }

    /**
     * Echoes received so far; read on the event loop.
     * @return the count
     */
    public long received() {
        return this.received;
    }

    /**
     * Messages sent whose echo has not arrived; read on the event loop.
     * @return the count
     */
    public long outstanding() {
        return this.outstanding;
    }

    @Override
    public void onMessage(ClientConnection connection, ByteBuf buf, int index, int length) {
        this.received++;
        this.outstanding--;
        if (this.running) {
            connection.send(this.frame.duplicate());
            this.outstanding++;
        }
    }
}
