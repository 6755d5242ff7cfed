package dev.wspair.objects;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.wspair.objects.storage.KeyRange;
import org.jspecify.annotations.Nullable;

/**
 * The {@code txn} of {@link DurableObjectStorage#transaction}, as Workers': reads see the
 * transaction's own writes, and the writes reach the object's storage only when the closure
 * returns normally. After {@link #rollback()} every operation throws.
 */
public final class StorageTransaction {

    private static final byte[] NO_ALARM = new byte[0];

    private final DurableObjectStorage storage;

    private final NavigableMap<String, byte @Nullable []> staged = new TreeMap<>(KeyRange.UTF8_ORDER);

    private final List<Consumer<DurableObjectStorage>> replay = new ArrayList<>();

    private boolean cleared;

    private byte @Nullable [] alarm;

    private boolean rolledBack;

    private boolean finished;

    StorageTransaction(DurableObjectStorage storage) {
        this.storage = storage;
    }

    /**
     * Reads a value.
     * @param key the key
     * @param type the type to decode into
     * @param <T> the type
     * @return the value, or {@code null} if the key is absent
     */
    public <T> @Nullable T get(String key, Class<T> type) {
        check();
        byte[] bytes = rawGet(DurableObjectStorage.checkKey(key));
        return (bytes != null) ? this.storage.codec().decode(bytes, type) : null;
    }

    /**
     * Reads up to 128 values; absent keys are left out, and the map is in key order.
     * @param keys the keys
     * @param type the type to decode into
     * @param <T> the type
     * @return key to value
     */
    public <T> Map<String, T> get(Collection<String> keys, Class<T> type) {
        check();
        DurableObjectStorage.checkCount(keys.size());
        TreeMap<String, T> values = new TreeMap<>(KeyRange.UTF8_ORDER);
        for (String key : keys) {
            T value = get(key, type);
            if (value != null) {
                values.put(key, value);
            }
        }
        return new LinkedHashMap<>(values);
    }

    /**
     * Stores a value.
     * @param key the key
     * @param value the value
     */
    public void put(String key, @Nullable Object value) {
        check();
        byte[] bytes = this.storage.codec().encode(value);
        String checked = DurableObjectStorage.checkKey(key);
        this.staged.put(checked, bytes);
        this.replay.add(storage -> storage.stage(checked, bytes));
    }

    /**
     * Deletes a key.
     * @param key the key
     * @return whether it existed
     */
    public boolean delete(String key) {
        check();
        String checked = DurableObjectStorage.checkKey(key);
        boolean existed = rawGet(checked) != null;
        this.staged.put(checked, null);
        this.replay.add(storage -> storage.stage(checked, null));
        return existed;
    }

    /** Deletes every key of the object. */
    public void deleteAll() {
        check();
        this.staged.clear();
        this.cleared = true;
        this.replay.add(DurableObjectStorage::stageDeleteAll);
    }

    /**
     * Lists entries selected by options, seeing the transaction's writes.
     * @param options prefix, start/startAfter, end, reverse and limit
     * @param type the type to decode values into
     * @param <T> the type
     * @return key to value, in the requested order
     */
    public <T> Map<String, T> list(ListOptions options, Class<T> type) {
        check();
        KeyRange range = options.range();
        int limit = options.limitOrZero();
        NavigableMap<String, byte @Nullable []> overlay = new TreeMap<>(KeyRange.UTF8_ORDER);
        this.staged.forEach((key, value) -> {
            if (range.contains(key)) {
                overlay.put(key, value);
            }
        });
        List<Map.Entry<String, byte[]>> base = this.cleared ? List.of()
                : this.storage.rawList(range, options.isReverse(), (limit > 0) ? limit + overlay.size() : 0);
        return this.storage.decode(DurableObjectStorage.merge(base, overlay, options.isReverse(), limit), type);
    }

    /**
     * The alarm time as this transaction sees it.
     * @return milliseconds since the epoch, or {@code null}
     */
    public @Nullable Long getAlarm() {
        check();
        if (this.alarm != null) {
            return (this.alarm == NO_ALARM) ? null : ByteBuffer.wrap(this.alarm).getLong();
        }
        return this.storage.rawAlarm();
    }

    /**
     * Sets the alarm.
     * @param epochMillis when, in milliseconds since the epoch
     */
    public void setAlarm(long epochMillis) {
        check();
        this.alarm = ByteBuffer.allocate(8).putLong(epochMillis).array();
        this.replay.add(storage -> storage.stageAlarm(epochMillis));
    }

    /** Removes the alarm. */
    public void deleteAlarm() {
        check();
        this.alarm = NO_ALARM;
        this.replay.add(storage -> storage.stageAlarm(null));
    }

    /** Discards every write of this transaction; later operations on it throw. */
    public void rollback() {
        check();
        this.rolledBack = true;
    }

    private byte @Nullable [] rawGet(String key) {
        if (this.staged.containsKey(key)) {
            return this.staged.get(key);
        }
        return this.cleared ? null : this.storage.rawGet(key);
    }

    private void check() {
        this.storage.guard().run();
        if (this.rolledBack) {
            throw new IllegalStateException("This transaction was rolled back");
        }
        if (this.finished) {
            throw new IllegalStateException("This transaction has ended; use state.storage() outside the closure");
        }
    }

    void commitTo() {
        if (!this.rolledBack) {
            this.replay.forEach(operation -> operation.accept(this.storage));
        }
    }

    void finish() {
        this.finished = true;
    }
}
