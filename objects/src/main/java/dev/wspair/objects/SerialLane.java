package dev.wspair.objects;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input gate of one object: runs its events one at a time, in submission order, on a shared
 * pool, yielding the thread after a run of tasks so that busy objects do not starve others.
 */
final class SerialLane {

    private static final Logger logger = LoggerFactory.getLogger(SerialLane.class);

    private static final int TASKS_PER_TURN = 64;

    private final Executor base;

    private final String label;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    private final AtomicInteger pending = new AtomicInteger();

    SerialLane(Executor base, String label) {
        this.base = base;
        this.label = label;
    }

    void execute(Runnable task) {
        this.tasks.offer(task);
        if (this.pending.getAndIncrement() == 0) {
            schedule();
        }
    }

    /** Hands the lane to the pool; once the runtime is closed the pool refuses and the events are dropped. */
    private void schedule() {
        try {
            this.base.execute(this::drain);
        }
        catch (RejectedExecutionException ex) {
            logger.debug("Object {}: the runtime is closed; dropping {} event(s)", this.label, this.tasks.size());
            this.tasks.clear();
            this.pending.set(0);
        }
    }

    private void drain() {
        for (int turn = 0; turn < TASKS_PER_TURN; turn++) {
            Runnable task = this.tasks.poll();
            try {
                if (task != null) {
                    task.run();
                }
            }
            catch (RuntimeException | Error ex) {
                logger.error("Object {}: an event failed outside its handler", this.label, ex);
            }
            if (this.pending.decrementAndGet() == 0) {
                return;
            }
        }
        schedule();
    }
}
