package dev.wspair.autoconfigure.actuate;

import java.time.Instant;

import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.ObjectStats;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the Durable Objects' storage: DOWN when the store fails its check (for SQLite, a read
 * and a durable one-row write), UP otherwise; either way with the commit failures so far and when
 * the last one happened, and the live objects and hibernatable sockets. A failed commit resets one
 * object (as Workers resets an object after an internal storage error) and does not by itself
 * make the instance DOWN: the check says whether the store works now.
 */
public class WspairObjectsHealthIndicator implements HealthIndicator {

    private final ObjectNamespaces runtime;

    /**
     * Creates the indicator.
     * @param runtime the runtime whose store is checked
     */
    public WspairObjectsHealthIndicator(ObjectNamespaces runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            this.runtime.store().check();
            health = Health.up();
        }
        catch (RuntimeException ex) {
            health = Health.down().withDetail("error", String.valueOf(ex.getMessage()));
        }
        ObjectStats stats = this.runtime.stats();
        health.withDetail("store", this.runtime.store().getClass().getSimpleName())
            .withDetail("liveObjects", stats.liveInstances())
            .withDetail("hibernatableSockets", stats.hibernatableSockets())
            .withDetail("commitFailures", stats.commitFailures());
        Instant lastFailure = stats.lastCommitFailure();
        if (lastFailure != null) {
            health.withDetail("lastCommitFailure", lastFailure.toString());
        }
        return health.build();
    }
}
