package dev.wspair;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Holds the frames that sockets send while a thread runs inside the gate, until the gate is
 * {@linkplain #release() released} or {@linkplain #discard() discarded}: the SPI behind a Durable
 * Object's output gate, where frames sent during an event leave only once the event's storage
 * writes are durable (and never if the write fails). Applications never use it directly.
 *
 * <p>The gate binds to the current thread between {@link #enter()} and {@link #exit()}. Every
 * {@code send} and {@code close} made on that thread in between is checked and changes the
 * socket's state at once, as in Workers, but its frame waits in the gate. Frames leave in call
 * order.
 */
public final class OutputGate {

    private static final ThreadLocal<OutputGate> CURRENT = new ThreadLocal<>();

    private record Held(WebSocket target, Frame frame) {
    }

    private final Object lock = new Object();

    private @Nullable List<Held> held = new ArrayList<>();

    /** Binds the gate to the calling thread. */
    public void enter() {
        CURRENT.set(this);
    }

    /** Unbinds the gate from the calling thread; frames sent afterwards are not held. */
    public void exit() {
        CURRENT.remove();
    }

    /**
     * Delivers the held frames in order. Frames held later (which cannot happen once the thread
     * has exited) would go straight through.
     */
    public void release() {
        List<Held> frames;
        synchronized (this.lock) {
            frames = this.held;
            this.held = null;
        }
        if (frames != null) {
            for (Held frame : frames) {
                frame.target().receive(frame.frame());
            }
        }
    }

    /**
     * Drops the held frames: none of them is ever delivered.
     * @return how many frames were dropped
     */
    public int discard() {
        synchronized (this.lock) {
            int count = (this.held != null) ? this.held.size() : 0;
            this.held = null;
            return count;
        }
    }

    /**
     * How many frames wait in the gate.
     * @return the count
     */
    public int size() {
        synchronized (this.lock) {
            return (this.held != null) ? this.held.size() : 0;
        }
    }

    static @Nullable OutputGate current() {
        return CURRENT.get();
    }

    /** Holds a frame for the target, or delivers it if the gate was already released or discarded. */
    void hold(WebSocket target, Frame frame) {
        synchronized (this.lock) {
            if (this.held != null) {
                this.held.add(new Held(target, frame));
                return;
            }
        }
        target.receive(frame);
    }
}
