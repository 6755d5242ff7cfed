package dev.wspair.autoconfigure.actuate;

import java.util.List;

import dev.wspair.webflux.ConnectionInfo;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketSettings;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of wspair's connections: UP with the number of open connections and how full their
 * outbound queues are; DOWN only when the server as a whole cannot keep up, that is when at least
 * {@value #MIN_CONNECTIONS} connections are open and at least half of them have a queue
 * {@value #SATURATED} full or more. One slow client is its own problem (its queue overflows and
 * it is closed), not a reason to take the instance out of service.
 */
public class WspairHealthIndicator implements HealthIndicator {

    /** Share of a queue's limit from which a connection counts as saturated. */
    public static final double SATURATED = 0.8;

    /** Fewest open connections for saturation to make the instance DOWN. */
    public static final int MIN_CONNECTIONS = 10;

    private final WebSocketConnections connections;

    private final WebSocketSettings settings;

    /**
     * Creates the indicator.
     * @param connections the open connections
     * @param settings the queue limits saturation is measured against
     */
    public WspairHealthIndicator(WebSocketConnections connections, WebSocketSettings settings) {
        this.connections = connections;
        this.settings = settings;
    }

    @Override
    public Health health() {
        return health(this.connections.list());
    }

    Health health(List<ConnectionInfo> open) {
        double highest = 0;
        int saturated = 0;
        for (ConnectionInfo info : open) {
            double saturation = saturation(info);
            highest = Math.max(highest, saturation);
            if (saturation >= SATURATED) {
                saturated++;
            }
        }
        Health.Builder health = (open.size() >= MIN_CONNECTIONS && saturated * 2 >= open.size()) ? Health.down() : Health.up();
        return health.withDetail("connections", open.size())
            .withDetail("saturatedConnections", saturated)
            .withDetail("queueSaturation", Math.round(highest * 1000) / 1000.0)
            .build();
    }

    /** How full a connection's outbound queue is: the larger of its messages and bytes shares. */
    private double saturation(ConnectionInfo info) {
        return Math.max((double) info.queuedMessages() / this.settings.maxQueuedMessages(),
                (double) info.queuedBytes() / this.settings.maxQueuedBytes());
    }
}
