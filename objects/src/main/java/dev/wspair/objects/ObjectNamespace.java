package dev.wspair.objects;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Durable Object class with its ids, as a Workers namespace binding
 * ({@code env.ROOMS}): ids from names, from strings or fresh, and stubs that reach the single live
 * instance of an id in this process. Created with {@link ObjectNamespaces#create} and usually
 * exposed as a bean, so that routes inject {@code ObjectNamespace<ChatRoom>}.
 *
 * @param <T> the object class
 */
public final class ObjectNamespace<T extends DurableObject> {

    private static final Logger logger = LoggerFactory.getLogger(ObjectNamespace.class);

    private final ObjectNamespaces runtime;

    private final String name;

    private final Function<DurableObjectState, T> factory;

    private final Map<ObjectId, ObjectSlot<T>> slots = new ConcurrentHashMap<>();

    private final LongAdder evictions = new LongAdder();

    private final LongAdder commitFailures = new LongAdder();

    ObjectNamespace(ObjectNamespaces runtime, String name, Function<DurableObjectState, T> factory) {
        this.runtime = runtime;
        this.name = name;
        this.factory = factory;
    }

    /**
     * The namespace name, part of every stored key and log line.
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * The id for a name: the same name always gives the same id in this namespace.
     * @param name any string
     * @return the id, whose {@link ObjectId#name()} is the name
     */
    public ObjectId idFromName(String name) {
        return ObjectId.fromName(this.name, name);
    }

    /**
     * Parses an id made by this namespace.
     * @param id 64 lowercase hex digits, as {@link ObjectId#toString()} gives
     * @return the id
     * @throws IllegalArgumentException {@code "Invalid Durable Object ID: must be 64 hex digits"}, or
     * {@code "Durable Object ID is not valid for this namespace."} for an id of another namespace
     */
    public ObjectId idFromString(String id) {
        return ObjectId.fromString(this.name, id);
    }

    /**
     * A new random id.
     * @return the id
     */
    public ObjectId newUniqueId() {
        return ObjectId.unique(this.name);
    }

    /**
     * A stub for an id; the object is created when the stub is first used.
     * @param id an id of this namespace
     * @return the stub
     * @throws IllegalArgumentException if the id belongs to another namespace
     */
    public ObjectStub<T> get(ObjectId id) {
        ObjectId.fromString(this.name, id.toString());
        return new ObjectStub<>(this, id);
    }

    /**
     * A stub for the id of a name, as Workers' {@code getByName(name)}.
     * @param name any string
     * @return the stub
     */
    public ObjectStub<T> getByName(String name) {
        return get(idFromName(name));
    }

    /**
     * The namespace's counters.
     * @return a snapshot
     */
    public NamespaceStats stats() {
        long live = 0;
        long sockets = 0;
        for (ObjectSlot<T> slot : this.slots.values()) {
            ObjectInfo info = slot.info();
            live += info.live() ? 1 : 0;
            sockets += info.sockets();
        }
        return new NamespaceStats(live, sockets, this.evictions.sum(), this.commitFailures.sum());
    }

    /**
     * The objects this process keeps: those with a live instance, and evicted ones that still have
     * hibernatable sockets or an alarm.
     * @return snapshots sorted by id
     */
    public List<ObjectInfo> objects() {
        return this.slots.values().stream().map(ObjectSlot::info).sorted(Comparator.comparing(info -> info.id().toString())).toList();
    }

    Function<DurableObjectState, T> factory() {
        return this.factory;
    }

    ObjectNamespaces runtime() {
        return this.runtime;
    }

    ObjectSlot<T> slot(ObjectId id) {
        return this.slots.computeIfAbsent(id, key -> new ObjectSlot<>(this, this.runtime, key));
    }

    void dispatch(ObjectId id, ObjectSlot.Event<T> event, Consumer<Throwable> reject) {
        if (this.runtime.isClosed()) {
            reject.accept(new IllegalStateException("The Durable Objects runtime is closed; object " + this.name + ":" + id + " cannot take events"));
            return;
        }
        while (true) {
            ObjectSlot<T> slot = slot(id);
            if (slot.submit(event)) {
                return;
            }
            this.slots.remove(id, slot);
        }
    }

    void sweep(long nowNanos, long idleNanos) {
        this.slots.values().removeIf(slot -> slot.sweep(nowNanos, idleNanos));
    }

    void restoreAlarms() {
        Map<String, Long> alarms = this.runtime.store().alarms(this.name);
        alarms.forEach((id, time) -> {
            try {
                slot(ObjectId.fromString(this.name, id)).scheduleAlarm(time);
            }
            catch (IllegalArgumentException ex) {
                logger.error("Object {}:{}: a stored alarm has an id this namespace did not make; it is ignored", this.name, id, ex);
            }
        });
        if (!alarms.isEmpty()) {
            logger.info("Namespace {}: restored {} alarm(s) from storage", this.name, alarms.size());
        }
    }

    LongAdder evictions() {
        return this.evictions;
    }

    /** Counts a batch whose commit failed, which resets its object, here and in the runtime. */
    void commitFailed() {
        this.commitFailures.increment();
        this.runtime.commitFailed();
    }
}
