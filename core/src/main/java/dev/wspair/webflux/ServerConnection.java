package dev.wspair.webflux;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One open connection in the registry: what the actuator lists about it and how to close it.
 * Counts traffic and forwards it to the connection's observation.
 */
final class ServerConnection implements ConnectionObservation {

    private final long id;

    private final String route;

    private final String remoteAddress;

    private final Instant openedAt = Instant.now();

    private final ConnectionObservation observation;

    private final Supplier<List<String>> tags;

    /** Written on the connection's event loop only, with ordered stores instead of atomic instructions. */
    private final AtomicLong messagesIn = new AtomicLong();

    private final AtomicLong bytesIn = new AtomicLong();

    private volatile int closeCode;

    private volatile @Nullable NettyTransport transport;

    private final Sinks.Empty<Void> ended = Sinks.empty();

    ServerConnection(long id, String route, String remoteAddress, ConnectionObservation observation, Supplier<List<String>> tags) {
        this.id = id;
        this.route = route;
        this.remoteAddress = remoteAddress;
        this.observation = observation;
        this.tags = tags;
    }

    void transport(NettyTransport transport) {
        this.transport = transport;
    }

    long id() {
        return this.id;
    }

    String route() {
        return this.route;
    }

    /** Records the first close code that ends the connection; later ones are ignored. */
    void ending(int code) {
        if (this.closeCode == 0) {
            this.closeCode = code;
        }
    }

    int closeCode() {
        return this.closeCode;
    }

    /** Closes from the server side, after frames already queued, as an administrator asks. */
    void close(int code, String reason) {
        transport().close(code, reason);
    }

    /** Drops the TCP connection without a Close frame, when closing took too long. */
    void drop() {
        transport().drop();
    }

    /** Completes when the connection has ended. */
    Mono<Void> ended() {
        return this.ended.asMono();
    }

    private NettyTransport transport() {
        return Objects.requireNonNull(this.transport, "a connection is registered only once its transport is set");
    }

    ConnectionInfo info() {
        NettyTransport current = transport();
        return new ConnectionInfo(this.id, this.route, this.remoteAddress, this.openedAt, current.queuedMessages(),
                current.queuedBytes(), this.messagesIn.get(), current.messagesOut(), this.bytesIn.get(), current.bytesOut(), this.tags.get());
    }

    @Override
    public void dispatched(String eventType, long nanos, int failures) {
        this.observation.dispatched(eventType, nanos, failures);
    }

    /** Called on the connection's event loop only, so ordered stores suffice. */
    @Override
    public void received(boolean text, int bytes) {
        this.messagesIn.lazySet(this.messagesIn.get() + 1);
        this.bytesIn.lazySet(this.bytesIn.get() + bytes);
        this.observation.received(text, bytes);
    }

    /** The transport counts what it sends; the observation, if any, is told. */
    @Override
    public void sent(boolean text, int bytes) {
        this.observation.sent(text, bytes);
    }

    @Override
    public void overflowed() {
        this.observation.overflowed();
    }

    @Override
    public void closed(int code) {
        this.observation.closed(code);
        this.ended.tryEmitEmpty();
    }
}
