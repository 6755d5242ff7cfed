package dev.wspair.benchmarks.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;

/**
 * Broadcast fan-out: the first member publishes one stamped message to the room and every member,
 * the publisher included, records how long after the send it arrived. One broadcast at a time;
 * {@link #broadcast} completes when every member has it.
 */
public final class FanOut implements Behaviour {

    private final List<ClientConnection> members;

    private final int payloadSize;

    private final RoomProtocol protocol;

    private final Histogram deliveries = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

    private long current = -1;

    private int delivered;

    private CompletableFuture<Histogram> done = new CompletableFuture<>();

    /**
     * Creates the behaviour.
     * @param members every connection in the room; the first publishes
     * @param payloadSize bytes per message, at least {@link Frames#STAMP_LENGTH}
     * @param protocol the room's frames
     */
    public FanOut(List<ClientConnection> members, int payloadSize, RoomProtocol protocol) {
        this.members = members;
        this.payloadSize = payloadSize;
        this.protocol = protocol;
    }

    /** Makes every member record deliveries; call on the event loop. */
    public void join() {
        this.members.forEach(member -> member.behaviour(this));
    }

    /**
     * Publishes one message; call on the event loop.
     * @return completes with the delivery latencies (nanoseconds) once every member has it
     */
    public CompletableFuture<Histogram> broadcast() {
        this.deliveries.reset();
        this.delivered = 0;
        this.done = new CompletableFuture<>();
        ClientConnection publisher = this.members.get(0);
        this.current = System.nanoTime();
        publisher.sendNow(this.protocol.message(publisher.alloc(), 'B', 0, this.current, this.payloadSize));
        return this.done;
    }

    /**
     * How many members have the current broadcast; read on the event loop.
     * @return the count
     */
    public int delivered() {
        return this.delivered;
    }

    @Override
    public void onMessage(ClientConnection connection, ByteBuf buf, int index, int length) {
        int payload = this.protocol.payloadIndex(buf, index, length);
        if (payload < 0 || Frames.stamp(buf, payload) != this.current) {
            return;
        }
        this.deliveries.recordValue(System.nanoTime() - this.current);
        if (++this.delivered == this.members.size()) {
            this.done.complete(this.deliveries.copy());
        }
    }
}
