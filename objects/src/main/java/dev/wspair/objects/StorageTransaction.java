package dev.wspair.objects;

import java.util.ArrayList;
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
public final class StorageTransaction extends StorageOperations {

    private final DurableObjectStorage storage;

    private final NavigableMap<String, byte @Nullable []> staged = new TreeMap<>(KeyRange.UTF8_ORDER);

    private final List<Consumer<DurableObjectStorage>> replay = new ArrayList<>();

    private boolean cleared;

    private boolean alarmStaged;

    private @Nullable Long alarm;

    private boolean rolledBack;

    private boolean finished;

    StorageTransaction(DurableObjectStorage storage) {
        super(storage.codec());
        this.storage = storage;
    }

    /** Discards every write of this transaction; later operations on it throw. */
    public void rollback() {
        check();
        this.rolledBack = true;
    }

    @Override
    void check() {
        this.storage.check();
        if (this.rolledBack) {
            throw new IllegalStateException("This transaction was rolled back");
        }
        if (this.finished) {
            throw new IllegalStateException("This transaction has ended; use state.storage() outside the closure");
        }
    }

    @Override
    byte @Nullable [] rawGet(String key) {
        if (this.staged.containsKey(key)) {
            return this.staged.get(key);
        }
        return this.cleared ? null : this.storage.rawGet(key);
    }

    @Override
    List<Map.Entry<String, byte[]>> rawList(KeyRange range, boolean reverse, int limit) {
        return layered(this.staged, this.cleared, range, reverse, limit, this.storage::rawList);
    }

    @Override
    @Nullable Long rawAlarm() {
        return this.alarmStaged ? this.alarm : this.storage.rawAlarm();
    }

    @Override
    void stage(String key, byte @Nullable [] value) {
        this.staged.put(key, value);
        this.replay.add(storage -> storage.stage(key, value));
    }

    @Override
    void stageDeleteAll() {
        this.staged.clear();
        this.cleared = true;
        this.replay.add(DurableObjectStorage::stageDeleteAll);
    }

    @Override
    void stageAlarm(@Nullable Long epochMillis) {
        this.alarmStaged = true;
        this.alarm = epochMillis;
        this.replay.add(storage -> storage.stageAlarm(epochMillis));
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
