package dev.wspair.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;

import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.ObjectObserver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the Durable Objects runtime's meters, the counterparts of Workers' Durable Objects
 * analytics: per namespace, live instances, evictions, hibernatable sockets and failed commits,
 * read from {@link ObjectNamespace#stats()} when scraped; and the time of every storage commit,
 * recorded as the runtime reports it. Namespaces declared after binding get their meters then.
 */
public final class ObjectMeters implements MeterBinder {

    private final ObjectNamespaces runtime;

    /**
     * Creates the binder.
     * @param runtime the runtime to observe
     */
    public ObjectMeters(ObjectNamespaces runtime) {
        this.runtime = runtime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Timer commits = Timer.builder(WspairMeters.OBJECTS_STORAGE_COMMIT)
            .description("Durable Object storage transactions, each grouping the writes of one or more events")
            .register(registry);
        this.runtime.observe(new ObjectObserver() {

            @Override
            public void namespaceCreated(ObjectNamespace<?> namespace) {
                bindNamespace(registry, namespace);
            }

            @Override
            public void committed(int batches, long nanos) {
                commits.record(nanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    private static void bindNamespace(MeterRegistry registry, ObjectNamespace<?> namespace) {
        Tags tags = Tags.of(WspairMeters.NAMESPACE, namespace.name());
        Gauge.builder(WspairMeters.OBJECTS_LIVE, namespace, ns -> ns.stats().liveInstances())
            .description("Durable Object instances in memory")
            .tags(tags)
            .register(registry);
        Gauge.builder(WspairMeters.OBJECTS_HIBERNATABLE_SOCKETS, namespace, ns -> ns.stats().hibernatableSockets())
            .description("Sockets accepted with state.acceptWebSocket, connected whether or not their object is in memory")
            .tags(tags)
            .register(registry);
        FunctionCounter.builder(WspairMeters.OBJECTS_EVICTIONS, namespace, ns -> ns.stats().evictions())
            .description("Durable Object instances evicted from memory after the idle timeout")
            .tags(tags)
            .register(registry);
        FunctionCounter.builder(WspairMeters.OBJECTS_STORAGE_COMMIT_FAILURES, namespace, ns -> ns.stats().commitFailures())
            .description("Event batches whose storage commit failed; their objects were reset and their frames dropped")
            .tags(tags)
            .register(registry);
    }
}
