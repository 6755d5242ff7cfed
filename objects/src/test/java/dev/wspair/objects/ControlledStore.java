package dev.wspair.objects;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.wspair.objects.storage.CommitBatch;
import dev.wspair.objects.storage.KeyRange;
import dev.wspair.objects.storage.ObjectStorageException;
import dev.wspair.objects.storage.ObjectStore;
import org.jspecify.annotations.Nullable;

/**
 * A real store whose commits a test can hold back (until it opens the valve) or make fail, as the
 * issue allows for the output-gate tests. Reads pass straight through.
 */
final class ControlledStore implements ObjectStore {

    private final ObjectStore delegate;

    private volatile @Nullable CountDownLatch valve;

    private volatile boolean failing;

    private volatile CountDownLatch entered = new CountDownLatch(1);

    ControlledStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    /** Holds every commit from now on until {@link #open()}. */
    void hold() {
        this.entered = new CountDownLatch(1);
        this.valve = new CountDownLatch(1);
    }

    /** Whether a commit started since {@link #hold()}, waiting at most 10 s. */
    boolean awaitCommitEntered() throws InterruptedException {
        return this.entered.await(10, TimeUnit.SECONDS);
    }

    void open() {
        CountDownLatch current = this.valve;
        this.valve = null;
        if (current != null) {
            current.countDown();
        }
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public void commit(List<CommitBatch> batches) {
        CountDownLatch current = this.valve;
        this.entered.countDown();
        if (current != null) {
            try {
                if (!current.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The test never opened the commit valve");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        if (this.failing) {
            throw new ObjectStorageException("Simulated disk failure", new java.io.IOException("No space left on device"));
        }
        this.delegate.commit(batches);
    }

    @Override
    public byte @Nullable [] get(String namespace, String objectId, String key) {
        return this.delegate.get(namespace, objectId, key);
    }

    @Override
    public List<Map.Entry<String, byte[]>> list(String namespace, String objectId, KeyRange range, boolean reverse, int limit) {
        return this.delegate.list(namespace, objectId, range, reverse, limit);
    }

    @Override
    public @Nullable Long getAlarm(String namespace, String objectId) {
        return this.delegate.getAlarm(namespace, objectId);
    }

    @Override
    public Map<String, Long> alarms(String namespace) {
        return this.delegate.alarms(namespace);
    }

    @Override
    public void close() {
        this.delegate.close();
    }
}
