package dev.wspair.objects.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.jspecify.annotations.Nullable;

/**
 * An {@link ObjectStore} in memory: fast, and gone when the JVM stops. For tests and for objects
 * whose state may be lost ({@code wspair.objects.store=memory}).
 */
public final class InMemoryObjectStore implements ObjectStore {

    private record ObjectKey(String namespace, String objectId) {
    }

    private final Map<ObjectKey, NavigableMap<String, byte[]>> data = new ConcurrentHashMap<>();

    private final Map<ObjectKey, Long> alarms = new ConcurrentHashMap<>();

    private final Object writeLock = new Object();

    @Override
    public byte @Nullable [] get(String namespace, String objectId, String key) {
        NavigableMap<String, byte[]> entries = this.data.get(new ObjectKey(namespace, objectId));
        return (entries != null) ? entries.get(key) : null;
    }

    @Override
    public List<Map.Entry<String, byte[]>> list(String namespace, String objectId, KeyRange range, boolean reverse, int limit) {
        NavigableMap<String, byte[]> entries = this.data.get(new ObjectKey(namespace, objectId));
        List<Map.Entry<String, byte[]>> result = new ArrayList<>();
        if (entries == null) {
            return result;
        }
        for (Map.Entry<String, byte[]> entry : (reverse ? entries.descendingMap() : entries).entrySet()) {
            if (range.contains(entry.getKey())) {
                result.add(Map.entry(entry.getKey(), entry.getValue()));
                if (limit > 0 && result.size() == limit) {
                    break;
                }
            }
        }
        return result;
    }

    @Override
    public @Nullable Long getAlarm(String namespace, String objectId) {
        return this.alarms.get(new ObjectKey(namespace, objectId));
    }

    @Override
    public Map<String, Long> alarms(String namespace) {
        Map<String, Long> result = new HashMap<>();
        this.alarms.forEach((key, time) -> {
            if (key.namespace().equals(namespace)) {
                result.put(key.objectId(), time);
            }
        });
        return result;
    }

    @Override
    public void commit(List<CommitBatch> batches) {
        synchronized (this.writeLock) {
            for (CommitBatch batch : batches) {
                ObjectKey object = new ObjectKey(batch.namespace(), batch.objectId());
                NavigableMap<String, byte[]> entries = this.data.computeIfAbsent(object, key -> new ConcurrentSkipListMap<>(KeyRange.UTF8_ORDER));
                for (Mutation mutation : batch.mutations()) {
                    if (mutation instanceof Mutation.Put put) {
                        entries.put(put.key(), put.value());
                    }
                    else if (mutation instanceof Mutation.Delete delete) {
                        entries.remove(delete.key());
                    }
                    else if (mutation instanceof Mutation.DeleteAll) {
                        entries.clear();
                    }
                    else if (mutation instanceof Mutation.SetAlarm alarm) {
                        this.alarms.put(object, alarm.epochMillis());
                    }
                    else if (mutation instanceof Mutation.DeleteAlarm) {
                        this.alarms.remove(object);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        this.data.clear();
        this.alarms.clear();
    }
}
