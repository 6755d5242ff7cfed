package dev.wspair.objects.storage;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where Durable Objects keep their data: the SPI behind {@code state.storage()}. The runtime
 * reads through it and hands it the writes of finished events in {@link CommitBatch}es, from one
 * writer thread; reads come from many threads at once. wspair ships {@link SqliteObjectStore} (the
 * default) and {@link InMemoryObjectStore}; declare a bean of this type to use another.
 *
 * <p>Workers keeps each object's data in its own strongly consistent store; here every object of
 * every namespace shares one store, keyed by namespace and object id.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Reads one value.
     * @param namespace the namespace
     * @param objectId the object id
     * @param key the key
     * @return the encoded value, or {@code null} if the key is absent
     */
    byte @Nullable [] get(String namespace, String objectId, String key);

    /**
     * Lists entries in UTF-8 key order.
     * @param namespace the namespace
     * @param objectId the object id
     * @param range the keys to select
     * @param reverse whether to return them in descending order
     * @param limit the most entries to return; 0 or less for no limit
     * @return the entries, in order
     */
    List<Map.Entry<String, byte[]>> list(String namespace, String objectId, KeyRange range, boolean reverse, int limit);

    /**
     * The time the object's alarm is set for.
     * @param namespace the namespace
     * @param objectId the object id
     * @return milliseconds since the epoch, or {@code null} if no alarm is set
     */
    @Nullable Long getAlarm(String namespace, String objectId);

    /**
     * Every alarm of a namespace, read when the namespace starts so that alarms survive restarts.
     * @param namespace the namespace
     * @return object id to alarm time in milliseconds since the epoch
     */
    Map<String, Long> alarms(String namespace);

    /**
     * Applies batches atomically and durably: when this returns, all of them survive a crash; when
     * it throws, none of them was applied. Called from one thread at a time.
     * @param batches the batches, applied in order
     * @throws RuntimeException if the batches could not be stored
     */
    void commit(List<CommitBatch> batches);

    /**
     * Checks that the store can be read and written now, for a health check; called from any
     * thread, at most as often as health is polled. Stores that cannot check succeed.
     * @throws RuntimeException describing why the store cannot serve reads or commits
     */
    default void check() {
    }

    /** Releases files and connections; the store is unusable afterwards. */
    @Override
    void close();
}
