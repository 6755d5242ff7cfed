package dev.wspair.objects;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.wspair.objects.storage.CommitBatch;
import dev.wspair.objects.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: takes the batches that finished events hand over, commits as many as are
 * waiting (up to a limit) in one storage transaction, then reports each one durable. When a
 * grouped transaction fails, each batch is retried alone so that one bad batch fails only its own
 * object.
 */
final class CommitQueue {

    /** One event's batch waiting to be committed. */
    interface Entry {

        CommitBatch batch();

        /** Whether the batch must be skipped (an earlier batch of its object instance failed). */
        boolean cancelled();

        /** The batch is durable. Called on the writer thread. */
        void durable();

        /** The batch was not stored. Called on the writer thread. */
        void failed(RuntimeException cause);
    }

    private static final Logger logger = LoggerFactory.getLogger(CommitQueue.class);

    private final ObjectStore store;

    private final int maxBatches;

    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();

    private final Thread writer;

    private final LongAdder transactions;

    private final LongAdder batches;

    private final ObjectObserver observer;

    private volatile boolean stopping;

    CommitQueue(ObjectStore store, int maxBatches, LongAdder transactions, LongAdder batches, ObjectObserver observer) {
        this.store = store;
        this.maxBatches = maxBatches;
        this.transactions = transactions;
        this.batches = batches;
        this.observer = observer;
        this.writer = new Thread(this::run, "wspair-objects-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    void submit(Entry entry) {
        this.queue.add(entry);
    }

    private void run() {
        List<Entry> group = new ArrayList<>();
        while (true) {
            Entry first;
            try {
                first = this.queue.poll(100, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (this.stopping) {
                    return;
                }
                continue;
            }
            group.add(first);
            this.queue.drainTo(group, this.maxBatches - 1);
            commit(group);
            group.clear();
        }
    }

    private void commit(List<Entry> group) {
        List<Entry> live = group.stream().filter(entry -> !entry.cancelled()).toList();
        if (live.isEmpty()) {
            return;
        }
        try {
            store(live);
            live.forEach(CommitQueue::reportDurable);
        }
        catch (RuntimeException ex) {
            if (live.size() == 1) {
                fail(live.get(0), ex);
                return;
            }
            logger.debug("A grouped commit of {} batches failed; committing each alone", live.size(), ex);
            for (Entry entry : live) {
                if (entry.cancelled()) {
                    continue;
                }
                try {
                    store(List.of(entry));
                    reportDurable(entry);
                }
                catch (RuntimeException single) {
                    fail(entry, single);
                }
            }
        }
    }

    /** Commits entries in one transaction, counting and timing it. */
    private void store(List<Entry> entries) {
        long start = System.nanoTime();
        this.store.commit(entries.stream().map(Entry::batch).toList());
        long nanos = System.nanoTime() - start;
        this.transactions.increment();
        this.batches.add(entries.size());
        this.observer.committed(entries.size(), nanos);
    }

    private static void reportDurable(Entry entry) {
        try {
            entry.durable();
        }
        catch (RuntimeException ex) {
            logger.error("Releasing the output of object {}:{} failed", entry.batch().namespace(), entry.batch().objectId(), ex);
        }
    }

    private void fail(Entry entry, RuntimeException cause) {
        try {
            entry.failed(cause);
        }
        catch (RuntimeException ex) {
            logger.error("Resetting object {}:{} after a failed commit failed", entry.batch().namespace(), entry.batch().objectId(), ex);
        }
    }

    /** Commits what is queued, then stops the writer; waits at most the timeout. */
    void close(Duration timeout) {
        this.stopping = true;
        try {
            this.writer.join(timeout.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (this.writer.isAlive()) {
            logger.warn("The Durable Object writer did not finish within {}; {} batch(es) were not committed", timeout, this.queue.size());
        }
    }
}
