package dev.wspair.objects;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.wspair.AttachmentCodec;
import dev.wspair.objects.storage.ObjectStore;
import dev.wspair.objects.storage.ValueCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Durable Objects runtime of one application: it creates {@link ObjectNamespace}s, runs every
 * object's events on the object's own serial lane (a pool of {@link ObjectSettings#threads()}
 * threads, never a Netty event loop), commits the writes of finished events through one writer
 * thread that groups the batches of many events into one transaction, evicts idle instances, and
 * fires alarms. With Spring Boot it is a bean; declare namespaces from it:
 *
 * <pre>{@code
 * @Bean
 * ObjectNamespace<ChatRoom> rooms(ObjectNamespaces namespaces) {
 *     return namespaces.create("rooms", ChatRoom::new);
 * }
 * }</pre>
 *
 * The runtime does not own the {@link ObjectStore}: close the store after the runtime.
 */
public final class ObjectNamespaces implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ObjectNamespaces.class);

    private final ObjectStore store;

    private final ValueCodec codec;

    private final AttachmentCodec attachmentCodec;

    private final ObjectSettings settings;

    private final ExecutorService executor;

    private final ScheduledExecutorService timers;

    private final CommitQueue committer;

    private final Map<String, ObjectNamespace<?>> namespaces = new ConcurrentHashMap<>();

    private final Observers observers = new Observers();

    private final Object declarations = new Object();

    private final LongAdder instancesCreated = new LongAdder();

    private final LongAdder eventsRun = new LongAdder();

    private final LongAdder commitTransactions = new LongAdder();

    private final LongAdder committedBatches = new LongAdder();

    private volatile @Nullable Instant lastCommitFailure;

    private volatile boolean closed;

    /**
     * Creates a runtime.
     * @param store where objects keep their data
     * @param codec how stored values and attachments are encoded
     * @param settings limits and timings
     */
    public ObjectNamespaces(ObjectStore store, ValueCodec codec, ObjectSettings settings) {
        this.store = store;
        this.codec = codec;
        this.attachmentCodec = new AttachmentCodec() {

            @Override
            public byte[] encode(@Nullable Object value) {
                return codec.encode(value);
            }

            @Override
            public <T> @Nullable T decode(byte[] bytes, Class<T> type) {
                return codec.decode(bytes, type);
            }
        };
        this.settings = settings;
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "wspair-object-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "wspair-objects-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.timers = scheduler;
        this.committer = new CommitQueue(store, settings.maxBatchesPerCommit(), this.commitTransactions, this.committedBatches, this.observers);
        long idleNanos = settings.idleTimeout().toNanos();
        long period = Math.min(Math.max(settings.idleTimeout().toMillis() / 4, 10), 1000);
        this.timers.scheduleWithFixedDelay(() -> sweep(idleNanos), period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Declares a Durable Object class under a name, as a Workers namespace binding, and restores
     * its stored alarms.
     * @param name the namespace name, unique in this runtime; part of every stored key
     * @param factory constructs an instance for a state, as Workers' constructor {@code (ctx, env)};
     * pass the object's collaborators through it, e.g. {@code state -> new ChatRoom(state, clock)}
     * @param <T> the object class
     * @return the namespace
     * @throws IllegalArgumentException if the name is blank or taken
     */
    public <T extends DurableObject> ObjectNamespace<T> create(String name, Function<DurableObjectState, T> factory) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("A Durable Object namespace needs a name");
        }
        ObjectNamespace<T> namespace = new ObjectNamespace<>(this, name, factory);
        synchronized (this.declarations) {
            if (this.namespaces.putIfAbsent(name, namespace) != null) {
                throw new IllegalArgumentException("A Durable Object namespace named '" + name + "' already exists");
            }
            this.observers.namespaceCreated(namespace);
        }
        namespace.restoreAlarms();
        return namespace;
    }

    /**
     * Adds an observer; it first hears of the namespaces declared so far.
     * @param observer the observer
     */
    public void observe(ObjectObserver observer) {
        synchronized (this.declarations) {
            namespaces().forEach(observer::namespaceCreated);
            this.observers.add(observer);
        }
    }

    /**
     * The namespaces declared so far.
     * @return the namespaces, sorted by name
     */
    public List<ObjectNamespace<?>> namespaces() {
        return this.namespaces.values().stream().sorted(Comparator.comparing(ObjectNamespace::name)).toList();
    }

    /**
     * The store objects keep their data in, for health checks.
     * @return the store
     */
    public ObjectStore store() {
        return this.store;
    }

    /**
     * The runtime's counters.
     * @return a snapshot
     */
    public ObjectStats stats() {
        long live = 0;
        long sockets = 0;
        long evictions = 0;
        long commitFailures = 0;
        for (ObjectNamespace<?> namespace : this.namespaces.values()) {
            NamespaceStats stats = namespace.stats();
            live += stats.liveInstances();
            sockets += stats.hibernatableSockets();
            evictions += stats.evictions();
            commitFailures += stats.commitFailures();
        }
        return new ObjectStats(live, sockets, this.instancesCreated.sum(), evictions, this.eventsRun.sum(),
                this.commitTransactions.sum(), this.committedBatches.sum(), commitFailures, commitFailures, this.lastCommitFailure);
    }

    /**
     * The settings.
     * @return the settings
     */
    public ObjectSettings settings() {
        return this.settings;
    }

    /** Evicts the instances idle for at least the given time; run by the timer, and by tests to evict at once. */
    void sweep(long idleNanos) {
        long now = System.nanoTime();
        for (ObjectNamespace<?> namespace : this.namespaces.values()) {
            try {
                namespace.sweep(now, idleNanos);
            }
            catch (RuntimeException ex) {
                logger.error("Evicting idle objects of namespace {} failed", namespace.name(), ex);
            }
        }
    }

    /**
     * Stops taking events, commits what finished events wrote (waiting up to 10 s), and stops the
     * threads. Hibernatable sockets stay open until the server closes them.
     */
    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        this.timers.shutdownNow();
        this.executor.shutdown();
        try {
            if (!this.executor.awaitTermination(10, TimeUnit.SECONDS)) {
                logger.warn("Durable Object events still ran 10 s after close; interrupting them");
                this.executor.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.committer.close(Duration.ofSeconds(10));
    }

    boolean isClosed() {
        return this.closed;
    }

    ValueCodec codec() {
        return this.codec;
    }

    AttachmentCodec attachmentCodec() {
        return this.attachmentCodec;
    }

    ExecutorService executor() {
        return this.executor;
    }

    ScheduledExecutorService timers() {
        return this.timers;
    }

    CommitQueue committer() {
        return this.committer;
    }

    LongAdder instancesCreated() {
        return this.instancesCreated;
    }

    LongAdder eventsRun() {
        return this.eventsRun;
    }

    void commitFailed() {
        this.lastCommitFailure = Instant.now();
    }
}
