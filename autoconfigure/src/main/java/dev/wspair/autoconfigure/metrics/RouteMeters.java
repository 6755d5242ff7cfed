package dev.wspair.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.wspair.webflux.ConnectionObservation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;

/**
 * The meters of one route, resolved once when the route is first seen, and the counters behind
 * them that also feed {@link RouteUsage}. Per message, a connection only adds to
 * {@link LongAdder}s its {@link #observe() observation} already holds: no lookups.
 */
final class RouteMeters {

    static final String EVENT_MESSAGE = "message";

    private final LongAdder opened = new LongAdder();

    private final AtomicInteger active = new AtomicInteger();

    private final LongAdder textIn = new LongAdder();

    private final LongAdder binaryIn = new LongAdder();

    private final LongAdder textOut = new LongAdder();

    private final LongAdder binaryOut = new LongAdder();

    private final LongAdder textBytesIn = new LongAdder();

    private final LongAdder binaryBytesIn = new LongAdder();

    private final LongAdder textBytesOut = new LongAdder();

    private final LongAdder binaryBytesOut = new LongAdder();

    private final LongAdder closedNanos = new LongAdder();

    private final LongAdder listenerNanos = new LongAdder();

    private final Timer duration;

    private final Counter overflows;

    private final MeterProvider<Counter> closed;

    private final MeterProvider<Timer> listenerTime;

    private final MeterProvider<Counter> listenerErrors;

    private final Timer messageListenerTime;

    private final Counter messageListenerErrors;

    RouteMeters(MeterRegistry registry, String route) {
        Tags tags = Tags.of(WspairMeters.ROUTE, route);
        FunctionCounter.builder(WspairMeters.CONNECTIONS_OPENED, this.opened, LongAdder::sum)
            .description("Connections upgraded")
            .tags(tags)
            .register(registry);
        Gauge.builder(WspairMeters.CONNECTIONS_ACTIVE, this.active, AtomicInteger::get)
            .description("Connections open now")
            .tags(tags)
            .register(registry);
        this.duration = Timer.builder(WspairMeters.CONNECTIONS_DURATION)
            .description("Lifetime of connections, from upgrade to end")
            .tags(tags)
            .register(registry);
        this.closed = Counter.builder(WspairMeters.CONNECTIONS_CLOSED)
            .description("Connections ended, by close code")
            .tags(tags)
            .withRegistry(registry);
        traffic(registry, tags, "in", "text", this.textIn, this.textBytesIn);
        traffic(registry, tags, "in", "binary", this.binaryIn, this.binaryBytesIn);
        traffic(registry, tags, "out", "text", this.textOut, this.textBytesOut);
        traffic(registry, tags, "out", "binary", this.binaryOut, this.binaryBytesOut);
        this.overflows = Counter.builder(WspairMeters.OUTBOUND_OVERFLOWS)
            .description("Connections closed because their outbound queue overflowed")
            .tags(tags)
            .register(registry);
        this.listenerTime = Timer.builder(WspairMeters.LISTENER_DURATION)
            .description("Time the listeners of one event took together")
            .tags(tags)
            .withRegistry(registry);
        this.listenerErrors = Counter.builder(WspairMeters.LISTENER_ERRORS)
            .description("Listeners that threw")
            .tags(tags)
            .withRegistry(registry);
        this.messageListenerTime = this.listenerTime.withTag(WspairMeters.EVENT, EVENT_MESSAGE);
        this.messageListenerErrors = this.listenerErrors.withTag(WspairMeters.EVENT, EVENT_MESSAGE);
    }

    private static void traffic(MeterRegistry registry, Tags tags, String direction, String type, LongAdder messages,
            LongAdder bytes) {
        Tags trafficTags = tags.and(WspairMeters.DIRECTION, direction, WspairMeters.TYPE, type);
        FunctionCounter.builder(WspairMeters.MESSAGES, messages, LongAdder::sum)
            .description("WebSocket messages, received (in) or queued for the client (out)")
            .tags(trafficTags)
            .register(registry);
        FunctionCounter.builder(WspairMeters.MESSAGE_BYTES, bytes, LongAdder::sum)
            .description("Payload bytes of WebSocket messages, received (in) or queued for the client (out)")
            .baseUnit(BaseUnits.BYTES)
            .tags(trafficTags)
            .register(registry);
    }

    /** Counts a new connection and returns the observation it reports to. */
    ConnectionObservation observe() {
        this.opened.increment();
        this.active.incrementAndGet();
        return new Connection(System.nanoTime());
    }

    /**
     * Usage so far; the open connections' time so far is passed in, since only the registry of
     * connections knows when each opened.
     */
    RouteUsage usage(double openConnectionSeconds) {
        return new RouteUsage(this.opened.sum(), this.textIn.sum() + this.binaryIn.sum(),
                this.textOut.sum() + this.binaryOut.sum(),
                this.closedNanos.sum() / 1e9 + openConnectionSeconds, this.listenerNanos.sum() / 1e9);
    }

    /**
     * The {@code code} tag of a close: codes of RFC 6455 (1000–1015) as they are, application codes
     * grouped as {@code 3xxx} and {@code 4xxx}, anything else {@code other}, so a client cannot
     * create a series per code.
     */
    static String codeTag(int code) {
        if (code >= 1000 && code <= 1015) {
            return Integer.toString(code);
        }
        if (code >= 3000 && code <= 3999) {
            return "3xxx";
        }
        return (code >= 4000 && code <= 4999) ? "4xxx" : "other";
    }

    /** One connection's view of its route's meters. */
    private final class Connection implements ConnectionObservation {

        private final long start;

        Connection(long start) {
            this.start = start;
        }

        @Override
        public void received(boolean text, int bytes) {
            if (text) {
                RouteMeters.this.textIn.increment();
                RouteMeters.this.textBytesIn.add(bytes);
            }
            else {
                RouteMeters.this.binaryIn.increment();
                RouteMeters.this.binaryBytesIn.add(bytes);
            }
        }

        @Override
        public void sent(boolean text, int bytes) {
            if (text) {
                RouteMeters.this.textOut.increment();
                RouteMeters.this.textBytesOut.add(bytes);
            }
            else {
                RouteMeters.this.binaryOut.increment();
                RouteMeters.this.binaryBytesOut.add(bytes);
            }
        }

        @Override
        public void dispatched(String eventType, long nanos, int failures) {
            RouteMeters.this.listenerNanos.add(nanos);
            boolean message = EVENT_MESSAGE.equals(eventType);
            Timer timer = message ? RouteMeters.this.messageListenerTime
                    : RouteMeters.this.listenerTime.withTag(WspairMeters.EVENT, eventType);
            timer.record(nanos, TimeUnit.NANOSECONDS);
            if (failures > 0) {
                Counter errors = message ? RouteMeters.this.messageListenerErrors
                        : RouteMeters.this.listenerErrors.withTag(WspairMeters.EVENT, eventType);
                errors.increment(failures);
            }
        }

        @Override
        public void overflowed() {
            RouteMeters.this.overflows.increment();
        }

        @Override
        public void closed(int code) {
            long nanos = System.nanoTime() - this.start;
            RouteMeters.this.closedNanos.add(nanos);
            RouteMeters.this.duration.record(nanos, TimeUnit.NANOSECONDS);
            RouteMeters.this.closed.withTag(WspairMeters.CODE, codeTag(code)).increment();
            RouteMeters.this.active.decrementAndGet();
        }
    }
}
