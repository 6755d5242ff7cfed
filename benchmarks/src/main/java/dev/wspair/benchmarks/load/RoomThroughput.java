package dev.wspair.benchmarks.load;

import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * Room throughput, closed loop: every member keeps {@code inFlight} of its own messages
 * outstanding in the room and sends the next one when one of its own comes back through the
 * broadcast. Counts broadcasts (own messages back) and deliveries (every message received).
 */
public final class RoomThroughput implements Behaviour {

    private final int payloadSize;

    private final int inFlight;

    private final RoomProtocol protocol;

    private boolean running;

    private long broadcasts;

    private long deliveries;

    /**
     * Creates the behaviour.
     * @param payloadSize bytes per message, at least {@link Frames#STAMP_LENGTH}
     * @param inFlight own messages outstanding per member
     * @param protocol the room's frames
     */
    public RoomThroughput(int payloadSize, int inFlight, RoomProtocol protocol) {
        this.payloadSize = payloadSize;
        this.inFlight = inFlight;
        this.protocol = protocol;
    }

    /**
     * Starts every member; call on the event loop.
     * @param members the room's members
     */
    public void start(List<ClientConnection> members) {
        this.running = true;
        for (ClientConnection member : members) {
            member.behaviour(this);
            for (int i = 0; i < this.inFlight; i++) {
                member.send(frame(member));
            }
            member.flush();
        }
    }

    /** Stops sending; call on the event loop. */
    public void stop() {
        this.running = false;
    }

    /**
     * Own messages that came back so far; read on the event loop.
     * @return the count
     */
    public long broadcasts() {
        return this.broadcasts;
    }

    /**
     * Messages received by all members so far; read on the event loop.
     * @return the count
     */
    public long deliveries() {
        return this.deliveries;
    }

    private ByteBuf frame(ClientConnection member) {
        return this.protocol.message(member.alloc(), 'R', member.index() & 0xffff, 0, this.payloadSize);
    }

    @Override
    public void onMessage(ClientConnection connection, ByteBuf buf, int index, int length) {
        int payload = this.protocol.payloadIndex(buf, index, length);
        if (payload < 0) {
            return;
        }
        this.deliveries++;
        if (Frames.sender(buf, payload) == (connection.index() & 0xffff)) {
            this.broadcasts++;
            if (this.running) {
                connection.send(frame(connection));
            }
        }
    }
}
