package dev.wspair.autoconfigure.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.wspair.webflux.ConnectionInfo;
import dev.wspair.webflux.ConnectionObservation;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records wspair's connections in a Micrometer {@link MeterRegistry}, tagged by route template,
 * and keeps the per-route {@link WebSocketUsage}. A route's meters are resolved once, when its
 * first connection opens; at most {@code maxRoutes} routes are metered.
 */
public final class MicrometerWebSocketObserver implements WebSocketObserver, WebSocketUsage {

    private static final Logger logger = LoggerFactory.getLogger(MicrometerWebSocketObserver.class);

    private final MeterRegistry registry;

    private final WebSocketConnections connections;

    private final int maxRoutes;

    private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();

    private final AtomicBoolean warned = new AtomicBoolean();

    private final MeterProvider<Counter> rejections;

    /**
     * Creates the observer and registers the outbound queue gauges.
     * @param registry where the meters go
     * @param connections the open connections, for the queue gauges and the open connections' time
     * @param maxRoutes most routes that get their own meters
     */
    public MicrometerWebSocketObserver(MeterRegistry registry, WebSocketConnections connections, int maxRoutes) {
        this.registry = registry;
        this.connections = connections;
        this.maxRoutes = maxRoutes;
        this.rejections = Counter.builder(WspairMeters.HANDSHAKE_REJECTIONS)
            .description("WebSocket handshakes refused before the upgrade")
            .withRegistry(registry);
        Gauge.builder(WspairMeters.OUTBOUND_QUEUED_MESSAGES, connections, MicrometerWebSocketObserver::queuedMessages)
            .description("Frames waiting in the outbound queues of all connections")
            .register(registry);
        Gauge.builder(WspairMeters.OUTBOUND_QUEUED_BYTES, connections, MicrometerWebSocketObserver::queuedBytes)
            .description("Payload bytes waiting in the outbound queues of all connections")
            .baseUnit(BaseUnits.BYTES)
            .register(registry);
    }

    private static double queuedMessages(WebSocketConnections connections) {
        return connections.list().stream().mapToLong(ConnectionInfo::queuedMessages).sum();
    }

    private static double queuedBytes(WebSocketConnections connections) {
        return connections.list().stream().mapToLong(ConnectionInfo::queuedBytes).sum();
    }

    @Override
    public ConnectionObservation opened(String route) {
        RouteMeters meters = this.routes.get(route);
        if (meters == null) {
            if (this.routes.size() >= this.maxRoutes) {
                if (this.warned.compareAndSet(false, true)) {
                    logger.warn("Reached wspair.metrics.max-route-tags ({}): connections on route {} and any further new "
                            + "route are not metered", this.maxRoutes, route);
                }
                return ConnectionObservation.NONE;
            }
            meters = this.routes.computeIfAbsent(route, key -> new RouteMeters(this.registry, key));
        }
        return meters.observe();
    }

    @Override
    public void rejected(String route, String reason) {
        this.rejections.withTags(WspairMeters.ROUTE, route, WspairMeters.REASON, reason).increment();
    }

    @Override
    public Map<String, RouteUsage> usage() {
        Instant now = Instant.now();
        Map<String, Double> openSeconds = new HashMap<>();
        for (ConnectionInfo info : this.connections.list()) {
            openSeconds.merge(info.route(), Duration.between(info.openedAt(), now).toNanos() / 1e9, Double::sum);
        }
        Map<String, RouteUsage> usage = new TreeMap<>();
        this.routes.forEach((route, meters) -> usage.put(route, meters.usage(openSeconds.getOrDefault(route, 0.0))));
        return usage;
    }
}
