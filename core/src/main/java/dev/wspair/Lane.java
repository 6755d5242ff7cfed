package dev.wspair;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one socket's events one at a time, in submission order, on a base executor. When the
 * caller already runs where the base would (a connection's event loop), the work runs inline, and
 * when the lane is also idle it runs without passing through the queue, which is only created
 * once a task has to wait.
 */
final class Lane implements Executor {

    private static final Logger logger = LoggerFactory.getLogger(Lane.class);

    private static final ExecutorService LOCAL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "wspair-local");
        thread.setDaemon(true);
        return thread;
    });

    private static final VarHandle PENDING;

    private static final VarHandle TASKS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING = lookup.findVarHandle(Lane.class, "pending", int.class);
            TASKS = lookup.findVarHandle(Lane.class, "tasks", Queue.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Tasks submitted and not yet run to completion; the lane is idle at zero. */
    private volatile int pending;

    private volatile @Nullable Queue<Runnable> tasks;

    private volatile Executor base = LOCAL;

    private volatile BooleanSupplier inline = () -> false;

    /**
     * Moves the lane onto another executor, usually before any task was submitted. When a cancelled
     * handshake still couples the end, tasks may already be queued or running on the previous
     * executor: they finish there, and the pending count keeps the lane serial across the move.
     */
    void bind(Executor base, BooleanSupplier inline) {
        this.base = base;
        this.inline = inline;
    }

    @Override
    public void execute(Runnable task) {
        if (this.pending == 0 && this.inline.getAsBoolean() && PENDING.compareAndSet(this, 0, 1)) {
            // Idle and already on the lane's thread: run the task without queueing it; if it
            // submitted more meanwhile, the drain accounts for it and runs those, in order.
            run(task);
            if (!PENDING.compareAndSet(this, 1, 0)) {
                drain();
            }
            return;
        }
        if (enqueue(task)) {
            schedule();
        }
    }

    /**
     * Runs a task in a later task of the base executor, never inline, even on the lane's own
     * thread: for work that Workers would do in a later turn than the call that triggers it.
     */
    void executeLater(Runnable task) {
        if (enqueue(task)) {
            this.base.execute(this::drain);
        }
    }

    /**
     * Queues a task without running anything, so that it can be called while holding a lock.
     * @return whether the lane was idle, in which case the caller must call {@link #schedule()}
     */
    boolean enqueue(Runnable task) {
        tasks().offer(task);
        return (int) PENDING.getAndAdd(this, 1) == 0;
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

    private Queue<Runnable> tasks() {
        Queue<Runnable> queue = this.tasks;
        if (queue == null) {
            Queue<Runnable> created = new ConcurrentLinkedQueue<>();
            queue = TASKS.compareAndSet(this, null, created) ? created : this.tasks;
        }
        return queue;
    }

    private void drain() {
        int missed = 1;
        do {
            Queue<Runnable> queue = this.tasks;
            if (queue != null) {
                Runnable task;
                while ((task = queue.poll()) != null) {
                    run(task);
                }
            }
            missed = (int) PENDING.getAndAdd(this, -missed) - missed;
        }
        while (missed != 0);
    }

    private static void run(Runnable task) {
        try {
            task.run();
        }
        catch (RuntimeException | Error ex) {
            logger.error("Task on a WebSocket lane failed", ex);
        }
    }
}
