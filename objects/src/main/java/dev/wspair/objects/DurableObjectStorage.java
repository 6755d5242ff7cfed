package dev.wspair.objects;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

import dev.wspair.objects.storage.KeyRange;
import dev.wspair.objects.storage.Mutation;
import dev.wspair.objects.storage.ObjectStore;
import dev.wspair.objects.storage.ValueCodec;
import org.jspecify.annotations.Nullable;

/**
 * A Durable Object's storage, as Workers' {@code state.storage}: a sorted key-value map private to
 * the object, plus its single alarm. Calls are synchronous and read the object's own writes at once;
 * the writes of one event are committed together, atomically, when the event returns, and frames
 * the event sent leave only after that (the output gate). Values are encoded by the runtime's
 * {@link ValueCodec} (JSON by default) and read back as the type asked for.
 *
 * <p>Limits as in Workers: keys up to 2,048 UTF-8 bytes, at most 128 keys per batch call. Storage
 * may only be used from the object's own events (its constructor, {@code fetch}, {@code alarm} and
 * WebSocket handlers).
 */
public final class DurableObjectStorage extends StorageOperations {

    /** Most keys one batch {@code get}, {@code put} or {@code delete} takes, as in Workers. */
    public static final int MAX_KEYS_PER_CALL = 128;

    /** Largest key in UTF-8 bytes, as in Workers. */
    public static final int MAX_KEY_SIZE = 2048;

    /** A staged value ({@code null} for a deletion) and the sequence number of the write. */
    private record Staged(byte @Nullable [] value, long seq) {
    }

    /** A write of the current event, with its sequence number, for pruning once it is durable. */
    record Write(Mutation mutation, long seq) {
    }

    private final ObjectStore store;

    private final String namespace;

    private final String objectId;

    private final Runnable guard;

    private final Object lock = new Object();

    /** Writes not yet durable, newest per key; reads see them before the store. */
    private final NavigableMap<String, Staged> staged = new TreeMap<>(KeyRange.UTF8_ORDER);

    private long clearedSeq = -1;

    private @Nullable Staged alarm;

    private long seq;

    private List<Write> writes = new ArrayList<>();

    private boolean inTransaction;

    DurableObjectStorage(ObjectStore store, ValueCodec codec, String namespace, String objectId, Runnable guard) {
        super(codec);
        this.store = store;
        this.namespace = namespace;
        this.objectId = objectId;
        this.guard = guard;
    }

    /**
     * Reads a value in the codec's natural form (for JSON: maps, lists, strings, numbers, booleans).
     * @param key the key
     * @return the value, or {@code null} if the key is absent
     */
    public @Nullable Object get(String key) {
        return get(key, Object.class);
    }

    /**
     * Stores up to 128 values.
     * @param entries key to value
     */
    public void put(Map<String, ?> entries) {
        this.guard.run();
        checkCount(entries.size());
        entries.forEach(this::put);
    }

    /**
     * Deletes up to 128 keys.
     * @param keys the keys
     * @return how many existed
     */
    public int delete(Collection<String> keys) {
        this.guard.run();
        checkCount(keys.size());
        int deleted = 0;
        for (String key : keys) {
            deleted += delete(key) ? 1 : 0;
        }
        return deleted;
    }

    /**
     * Lists every entry in key order (UTF-8 byte order, as Workers).
     * @param type the type to decode values into
     * @param <T> the type
     * @return key to value, in order
     */
    public <T> Map<String, T> list(Class<T> type) {
        return list(ListOptions.all(), type);
    }

    /**
     * Runs storage operations as one unit, as Workers' {@code storage.transaction(txn => ...)}:
     * the transaction's writes apply only if the closure returns normally without calling
     * {@link StorageTransaction#rollback()}; an exception discards them and is rethrown.
     * @param closure the operations
     * @param <R> the result type
     * @return what the closure returned
     */
    public <R> R transaction(Function<StorageTransaction, R> closure) {
        this.guard.run();
        if (this.inTransaction) {
            throw new IllegalStateException("Transactions cannot be nested");
        }
        this.inTransaction = true;
        StorageTransaction transaction = new StorageTransaction(this);
        try {
            R result = closure.apply(transaction);
            transaction.commitTo();
            return result;
        }
        finally {
            transaction.finish();
            this.inTransaction = false;
        }
    }

    /**
     * Sets the object's single alarm.
     * @param time when
     */
    public void setAlarm(Instant time) {
        setAlarm(time.toEpochMilli());
    }

    /**
     * Workers' {@code sync()}: resolves when pending writes are durable. Here every event's writes
     * are committed when the event returns and its output waits for that, so there is nothing to
     * wait for inside an event.
     */
    public void sync() {
        this.guard.run();
    }

    @Override
    void check() {
        this.guard.run();
    }

    @Override
    byte @Nullable [] rawGet(String key) {
        synchronized (this.lock) {
            Staged value = this.staged.get(key);
            if (value != null) {
                return value.value();
            }
            if (this.clearedSeq >= 0) {
                return null;
            }
        }
        return this.store.get(this.namespace, this.objectId, key);
    }

    @Override
    List<Map.Entry<String, byte[]>> rawList(KeyRange range, boolean reverse, int limit) {
        Map<String, byte @Nullable []> writes = new TreeMap<>(KeyRange.UTF8_ORDER);
        boolean cleared;
        synchronized (this.lock) {
            this.staged.forEach((key, value) -> writes.put(key, value.value()));
            cleared = this.clearedSeq >= 0;
        }
        return layered(writes, cleared, range, reverse, limit,
                (within, reversed, most) -> this.store.list(this.namespace, this.objectId, within, reversed, most));
    }

    @Override
    @Nullable Long rawAlarm() {
        synchronized (this.lock) {
            if (this.alarm != null) {
                byte[] value = this.alarm.value();
                return (value != null) ? ByteBuffer.wrap(value).getLong() : null;
            }
        }
        return this.store.getAlarm(this.namespace, this.objectId);
    }

    @Override
    void stage(String key, byte @Nullable [] value) {
        synchronized (this.lock) {
            long s = nextSeq();
            this.staged.put(key, new Staged(value, s));
            this.writes.add(new Write((value != null) ? new Mutation.Put(key, value) : new Mutation.Delete(key), s));
        }
    }

    @Override
    void stageDeleteAll() {
        synchronized (this.lock) {
            long s = nextSeq();
            this.staged.clear();
            this.clearedSeq = s;
            this.writes.add(new Write(new Mutation.DeleteAll(), s));
        }
    }

    @Override
    void stageAlarm(@Nullable Long epochMillis) {
        synchronized (this.lock) {
            long s = nextSeq();
            this.alarm = new Staged((epochMillis != null) ? ByteBuffer.allocate(8).putLong(epochMillis).array() : null, s);
            this.writes.add(new Write((epochMillis != null) ? new Mutation.SetAlarm(epochMillis) : new Mutation.DeleteAlarm(), s));
        }
    }

    private long nextSeq() {
        return ++this.seq;
    }

    /** Takes the writes made since the last call: the current event's batch. */
    List<Write> takeWrites() {
        synchronized (this.lock) {
            List<Write> taken = this.writes;
            this.writes = new ArrayList<>();
            return taken;
        }
    }

    /** The writes are durable: reads may go to the store for keys not written since. */
    void confirmed(List<Write> durable) {
        synchronized (this.lock) {
            for (Write write : durable) {
                Mutation mutation = write.mutation();
                if (mutation instanceof Mutation.Put put) {
                    prune(put.key(), write.seq());
                }
                else if (mutation instanceof Mutation.Delete delete) {
                    prune(delete.key(), write.seq());
                }
                else if (mutation instanceof Mutation.DeleteAll) {
                    if (this.clearedSeq == write.seq()) {
                        this.clearedSeq = -1;
                    }
                }
                else if (this.alarm != null && this.alarm.seq() == write.seq()) {
                    this.alarm = null;
                }
            }
        }
    }

    private void prune(String key, long seq) {
        Staged value = this.staged.get(key);
        if (value != null && value.seq() == seq) {
            this.staged.remove(key);
        }
    }
}
