package dev.wspair;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one socket's events one at a time, in submission order, on a base executor. When the
 * caller already runs where the base would (a connection's event loop), the work runs inline.
 */
final class Lane implements Executor {

    private static final Logger logger = LoggerFactory.getLogger(Lane.class);

    private static final ExecutorService LOCAL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "wspair-local");
        thread.setDaemon(true);
        return thread;
    });

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    private final AtomicInteger pending = new AtomicInteger();

    private volatile Executor base = LOCAL;

    private volatile BooleanSupplier inline = () -> false;

    /** Moves the lane onto another executor; only called before any task was submitted. */
    void bind(Executor base, BooleanSupplier inline) {
        this.base = base;
        this.inline = inline;
    }

    @Override
    public void execute(Runnable task) {
        if (enqueue(task)) {
            schedule();
        }
    }

    /**
     * Queues a task without running anything, so that it can be called while holding a lock.
     * @return whether the lane was idle, in which case the caller must call {@link #schedule()}
     */
    boolean enqueue(Runnable task) {
        this.tasks.offer(task);
        return this.pending.getAndIncrement() == 0;
    }

    /** Starts running the queued tasks, after {@link #enqueue} returned {@code true}. */
    void schedule() {
        if (this.inline.getAsBoolean()) {
            drain();
        }
        else {
            this.base.execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            Runnable task;
            while ((task = this.tasks.poll()) != null) {
                try {
                    task.run();
                }
                catch (RuntimeException | Error ex) {
                    logger.error("Task on a WebSocket lane failed", ex);
                }
            }
            missed = this.pending.addAndGet(-missed);
        }
        while (missed != 0);
    }
}
