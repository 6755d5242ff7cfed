package dev.wspair.benchmarks.load;

import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * Members joining a room whose protocol wants a name first: each sends its join frame and counts
 * as joined when its ready frame arrives. Everything else a joining member receives (the roster,
 * the history, other members' joins) is read and dropped; error frames are counted.
 */
public final class RoomJoin implements Behaviour {

    private final RoomProtocol protocol;

    private int ready;

    private int errors;

    /**
     * Creates the behaviour.
     * @param protocol the room's protocol
     */
    public RoomJoin(RoomProtocol protocol) {
        this.protocol = protocol;
    }

    /**
     * Sends the join frames of some members; call on the event loop.
     * @param members the members, which must not have joined yet
     * @throws IllegalStateException if the protocol has no join frame
     */
    public void join(List<ClientConnection> members) {
        for (ClientConnection member : members) {
            ByteBuf frame = this.protocol.join(member.alloc(), member.index());
            if (frame == null) {
                throw new IllegalStateException("The " + this.protocol + " protocol has no join frame");
            }
            member.behaviour(this);
            member.sendNow(frame);
        }
    }

    /**
     * Members whose join completed so far; read on the event loop.
     * @return the count
     */
    public int ready() {
        return this.ready;
    }

    /**
     * Error frames received so far; read on the event loop.
     * @return the count
     */
    public int errors() {
        return this.errors;
    }

    @Override
    public void onMessage(ClientConnection connection, ByteBuf buf, int index, int length) {
        if (this.protocol.isReady(buf, index, length)) {
            this.ready++;
        }
        else if (this.protocol.isError(buf, index, length)) {
            this.errors++;
        }
    }
}
