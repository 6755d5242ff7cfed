package dev.wspair.benchmarks.load;

/** A growable FIFO ring of primitive longs, for send times awaiting their echo. */
public final class LongQueue {

    private long[] ring = new long[32];

    private int head;

    private int size;

    /**
     * Appends a value.
     * @param value the value
     */
    public void add(long value) {
        if (this.size == this.ring.length) {
            long[] bigger = new long[this.ring.length * 2];
            for (int i = 0; i < this.size; i++) {
                bigger[i] = this.ring[(this.head + i) % this.ring.length];
            }
            this.ring = bigger;
            this.head = 0;
        }
        this.ring[(this.head + this.size) % this.ring.length] = value;
        this.size++;
    }

    /**
     * Removes the oldest value.
     * @return the value
     * @throws IllegalStateException if empty
     */
    public long poll() {
        if (this.size == 0) {
            throw new IllegalStateException("No value waits");
        }
        long value = this.ring[this.head];
        this.head = (this.head + 1) % this.ring.length;
        this.size--;
        return value;
    }

    /**
     * How many values wait.
     * @return the count
     */
    public int size() {
        return this.size;
    }
}
