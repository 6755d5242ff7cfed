package dev.wspair.objects;

/** Lets tests outside the objects module evict idle instances at once instead of waiting for the timer. */
public final class Evictions {

    private Evictions() {
    }

    /**
     * Evicts every instance that runs no event now, as the idle timer does after the idle timeout.
     * @param runtime the runtime
     */
    public static void evictIdle(ObjectNamespaces runtime) {
        runtime.sweep(0);
    }
}
