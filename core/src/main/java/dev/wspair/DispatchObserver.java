package dev.wspair;

/**
 * Observes how an end's listeners run: the time each dispatch took and how many listeners threw.
 * The SPI behind listener metrics and usage accounting (Workers bills the CPU time of event
 * handlers); applications do not implement it.
 */
@FunctionalInterface
public interface DispatchObserver {

    /** Observes nothing, and makes dispatch skip the clock. */
    DispatchObserver NONE = (eventType, nanos, failures) -> {
    };

    /**
     * Called after the listeners of one event ran.
     * @param eventType the event name ({@code "message"}, {@code "close"}, {@code "error"}, {@code "open"})
     * @param nanos the time the listeners took together
     * @param failures how many of them threw
     */
    void dispatched(String eventType, long nanos, int failures);
}
