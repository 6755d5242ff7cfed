package dev.wspair.benchmarks.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.webflux.ConnectionObservation;
import dev.wspair.webflux.WebSocketObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * A Micrometer {@link WebSocketObserver} doing the work a metrics binding does per connection and
 * message: counters and size summaries per direction, a timer per listener dispatch, a gauge of
 * open connections and a counter per close code, all tagged by route and resolved once per route.
 * It stands in for the starter's observer (on the metrics branch) in the metrics-overhead
 * scenario until that observer is on main.
 */
final class MicrometerObserver implements WebSocketObserver {

    private final MeterRegistry registry;

    private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();

    MicrometerObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ConnectionObservation opened(String route) {
        RouteMeters meters = this.routes.computeIfAbsent(route, key -> new RouteMeters(this.registry, key));
        meters.open.incrementAndGet();
        return meters;
    }

    @Override
    public void rejected(String route, String reason) {
        this.registry.counter("wspair.handshake.rejections", "route", route, "reason", reason).increment();
    }

    /** The meters of one route, shared by its connections. */
    private static final class RouteMeters implements ConnectionObservation {

        private final MeterRegistry registry;

        private final String route;

        private final AtomicInteger open = new AtomicInteger();

        private final Counter received;

        private final Counter sent;

        private final DistributionSummary receivedBytes;

        private final DistributionSummary sentBytes;

        private final Timer dispatch;

        private final Counter listenerFailures;

        private final Counter overflows;

        private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();

        RouteMeters(MeterRegistry registry, String route) {
            this.registry = registry;
            this.route = route;
            registry.gauge("wspair.connections.open", Tags.of("route", route), this.open);
            this.received = Counter.builder("wspair.messages").tags("route", route, "direction", "in").register(registry);
            this.sent = Counter.builder("wspair.messages").tags("route", route, "direction", "out").register(registry);
            this.receivedBytes = DistributionSummary.builder("wspair.message.size").tags("route", route, "direction", "in").register(registry);
            this.sentBytes = DistributionSummary.builder("wspair.message.size").tags("route", route, "direction", "out").register(registry);
            this.dispatch = Timer.builder("wspair.listener.duration").tags("route", route).register(registry);
            this.listenerFailures = Counter.builder("wspair.listener.failures").tags("route", route).register(registry);
            this.overflows = Counter.builder("wspair.outbound.overflows").tags("route", route).register(registry);
        }

        @Override
        public void dispatched(String eventType, long nanos, int failures) {
            this.dispatch.record(nanos, TimeUnit.NANOSECONDS);
            if (failures > 0) {
                this.listenerFailures.increment(failures);
            }
        }

        @Override
        public void received(boolean text, int bytes) {
            this.received.increment();
            this.receivedBytes.record(bytes);
        }

        @Override
        public void sent(boolean text, int bytes) {
            this.sent.increment();
            this.sentBytes.record(bytes);
        }

        @Override
        public void overflowed() {
            this.overflows.increment();
        }

        @Override
        public void closed(int code) {
            this.open.decrementAndGet();
            this.closes.computeIfAbsent(code, key -> Counter.builder("wspair.connections.closed")
                .tags("route", this.route, "code", Integer.toString(key))
                .register(this.registry)).increment();
        }
    }
}
