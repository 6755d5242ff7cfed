package dev.wspair.autoconfigure.metrics;

import java.util.Map;

/**
 * Usage per route since the application started, for the actuator endpoint's {@code usage}
 * section. {@link MicrometerWebSocketObserver} provides it from the counters behind its meters.
 */
@FunctionalInterface
public interface WebSocketUsage {

    /**
     * Usage of every metered route.
     * @return route template to usage, sorted by route
     */
    Map<String, RouteUsage> usage();
}
