package dev.wspair.objects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.wspair.objects.storage.KeyRange;
import dev.wspair.objects.storage.ValueCodec;
import org.jspecify.annotations.Nullable;

/**
 * The calls an object's {@link DurableObjectStorage} and a {@link StorageTransaction} have in
 * common, as Workers' {@code storage} and {@code txn} share them: keys and batch sizes are checked
 * against Workers' limits, values go through the runtime's {@link ValueCodec}, and reads see the
 * writes that were staged but not yet applied beneath. The two differ only in where writes are
 * staged and what lies beneath: the store for the storage, the storage for a transaction.
 */
abstract sealed class StorageOperations permits DurableObjectStorage, StorageTransaction {

    /** What lies beneath staged writes, listed in key order or reversed. */
    @FunctionalInterface
    interface Beneath {

        List<Map.Entry<String, byte[]>> list(KeyRange range, boolean reverse, int limit);
    }

    private final ValueCodec codec;

    StorageOperations(ValueCodec codec) {
        this.codec = codec;
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
        byte[] bytes = rawGet(checkKey(key));
        return (bytes != null) ? this.codec.decode(bytes, type) : null;
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
        checkCount(keys.size());
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
     * @throws IllegalArgumentException if the key is too long or the value cannot be encoded
     */
    public void put(String key, @Nullable Object value) {
        check();
        stage(checkKey(key), this.codec.encode(value));
    }

    /**
     * Deletes a key.
     * @param key the key
     * @return whether it existed
     */
    public boolean delete(String key) {
        check();
        String checked = checkKey(key);
        boolean existed = rawGet(checked) != null;
        stage(checked, null);
        return existed;
    }

    /** Deletes every key of the object. The alarm is separate: use {@link #deleteAlarm()}. */
    public void deleteAll() {
        check();
        stageDeleteAll();
    }

    /**
     * Lists entries selected by options, in key order (UTF-8 byte order, as Workers) or reversed.
     * @param options prefix, start/startAfter, end, reverse and limit
     * @param type the type to decode values into
     * @param <T> the type
     * @return key to value, in the requested order
     */
    public <T> Map<String, T> list(ListOptions options, Class<T> type) {
        check();
        Map<String, T> values = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : rawList(options.range(), options.isReverse(), options.limitOrZero())) {
            values.put(entry.getKey(), this.codec.decode(entry.getValue(), type));
        }
        return values;
    }

    /**
     * The time the alarm is set for, as Workers' {@code getAlarm()}; {@code null} while the alarm
     * handler runs unless it set a new one.
     * @return milliseconds since the epoch, or {@code null}
     */
    public @Nullable Long getAlarm() {
        check();
        return rawAlarm();
    }

    /**
     * Sets the object's single alarm; {@code alarm()} runs at that time (at once if it is past).
     * @param epochMillis when, in milliseconds since the epoch
     */
    public void setAlarm(long epochMillis) {
        check();
        stageAlarm(epochMillis);
    }

    /** Removes the alarm, if any; a running alarm handler is not cancelled. */
    public void deleteAlarm() {
        check();
        stageAlarm(null);
    }

    ValueCodec codec() {
        return this.codec;
    }

    /** Throws if the object may not use this storage here and now. */
    abstract void check();

    /** The value as staged or as beneath, {@code null} if absent. */
    abstract byte @Nullable [] rawGet(String key);

    /** The first {@code limit} entries of the range (0 for all), staged writes applied. */
    abstract List<Map.Entry<String, byte[]>> rawList(KeyRange range, boolean reverse, int limit);

    /** The alarm as staged or as beneath. */
    abstract @Nullable Long rawAlarm();

    /** Stages a value, or a deletion for {@code null}. */
    abstract void stage(String key, byte @Nullable [] value);

    /** Stages the deletion of every key. */
    abstract void stageDeleteAll();

    /** Stages an alarm time, or the removal of the alarm for {@code null}. */
    abstract void stageAlarm(@Nullable Long epochMillis);

    /**
     * The first {@code limit} entries of a range (0 for all) with staged writes laid over what lies
     * beneath; beneath is not read when everything was deleted. Each staged key hides or replaces at
     * most one entry beneath, so {@code limit} plus the number of staged keys in the range are
     * enough from beneath.
     * @param staged staged values, {@code null} for a deletion, in any range
     * @param cleared whether every key beneath was deleted
     */
    static List<Map.Entry<String, byte[]>> layered(Map<String, byte @Nullable []> staged, boolean cleared, KeyRange range, boolean reverse,
            int limit, Beneath beneath) {
        NavigableMap<String, byte @Nullable []> overlay = new TreeMap<>(KeyRange.UTF8_ORDER);
        staged.forEach((key, value) -> {
            if (range.contains(key)) {
                overlay.put(key, value);
            }
        });
        List<Map.Entry<String, byte[]>> base = cleared ? List.of() : beneath.list(range, reverse, (limit > 0) ? limit + overlay.size() : 0);
        NavigableMap<String, byte[]> all = new TreeMap<>(KeyRange.UTF8_ORDER);
        base.forEach(entry -> all.put(entry.getKey(), entry.getValue()));
        overlay.forEach((key, value) -> {
            if (value == null) {
                all.remove(key);
            }
            else {
                all.put(key, value);
            }
        });
        List<Map.Entry<String, byte[]>> result = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : (reverse ? all.descendingMap() : all).entrySet()) {
            if (limit > 0 && result.size() == limit) {
                break;
            }
            result.add(entry);
        }
        return result;
    }

    static String checkKey(String key) {
        if (key.length() > DurableObjectStorage.MAX_KEY_SIZE / 3 && key.getBytes(StandardCharsets.UTF_8).length > DurableObjectStorage.MAX_KEY_SIZE) {
            throw new IllegalArgumentException("Keys cannot be larger than " + DurableObjectStorage.MAX_KEY_SIZE + " bytes. A key of size "
                    + key.getBytes(StandardCharsets.UTF_8).length + " was provided.");
        }
        return key;
    }

    static void checkCount(int count) {
        if (count > DurableObjectStorage.MAX_KEYS_PER_CALL) {
            throw new IllegalArgumentException("A batch storage call takes at most " + DurableObjectStorage.MAX_KEYS_PER_CALL + " keys, but got " + count);
        }
    }
}
