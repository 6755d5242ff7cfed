package dev.wspair.objects;

import java.time.Duration;

/**
 * Limits and timings of the Durable Objects runtime, with Workers' values as defaults. Immutable;
 * built with {@link #builder()}.
 */
public final class ObjectSettings {

    /** Workers' limit of hibernatable WebSockets per object. */
    public static final int DEFAULT_MAX_WEB_SOCKETS = 32_768;

    private final Duration idleTimeout;

    private final int maxWebSocketsPerObject;

    private final int maxBatchesPerCommit;

    private final Duration eventTimeout;

    private final int threads;

    private ObjectSettings(Builder builder) {
        this.idleTimeout = builder.idleTimeout;
        this.maxWebSocketsPerObject = builder.maxWebSocketsPerObject;
        this.maxBatchesPerCommit = builder.maxBatchesPerCommit;
        this.eventTimeout = builder.eventTimeout;
        this.threads = builder.threads;
    }

    /**
     * The defaults: 10 s idle timeout, 32,768 sockets per object, up to 256 event batches per
     * SQLite transaction, 30 s for a fetch's response, 16 threads for object events.
     * @return the settings
     */
    public static ObjectSettings defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How long an object may stay without events before its instance is evicted from memory; its
     * hibernatable sockets stay connected. Workers hibernates after 10 s.
     * @return the timeout
     */
    public Duration idleTimeout() {
        return this.idleTimeout;
    }

    /**
     * The most sockets one object may accept with {@code state.acceptWebSocket}.
     * @return the limit
     */
    public int maxWebSocketsPerObject() {
        return this.maxWebSocketsPerObject;
    }

    /**
     * The most event batches (of any objects) committed in one storage transaction; 1 turns
     * grouping off.
     * @return the limit
     */
    public int maxBatchesPerCommit() {
        return this.maxBatchesPerCommit;
    }

    /**
     * How long an object's {@code fetch} may take to produce its response before the event fails.
     * @return the timeout
     */
    public Duration eventTimeout() {
        return this.eventTimeout;
    }

    /**
     * How many threads run object events; each object uses one at a time, so this bounds how many
     * objects run (or block in storage calls) at once.
     * @return the thread count
     */
    public int threads() {
        return this.threads;
    }

    /** Builds {@link ObjectSettings}; every setter validates its argument. */
    public static final class Builder {

        private Duration idleTimeout = Duration.ofSeconds(10);

        private int maxWebSocketsPerObject = DEFAULT_MAX_WEB_SOCKETS;

        private int maxBatchesPerCommit = 256;

        private Duration eventTimeout = Duration.ofSeconds(30);

        private int threads = 16;

        private Builder() {
        }

        /**
         * Sets the idle timeout.
         * @param idleTimeout a positive duration
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive("idleTimeout", idleTimeout);
            return this;
        }

        /**
         * Sets the socket limit per object.
         * @param maxWebSocketsPerObject at least 1
         * @return this builder
         */
        public Builder maxWebSocketsPerObject(int maxWebSocketsPerObject) {
            if (maxWebSocketsPerObject < 1) {
                throw new IllegalArgumentException("maxWebSocketsPerObject must be at least 1, but was " + maxWebSocketsPerObject);
            }
            this.maxWebSocketsPerObject = maxWebSocketsPerObject;
            return this;
        }

        /**
         * Sets how many event batches one storage transaction may group.
         * @param maxBatchesPerCommit at least 1
         * @return this builder
         */
        public Builder maxBatchesPerCommit(int maxBatchesPerCommit) {
            if (maxBatchesPerCommit < 1) {
                throw new IllegalArgumentException("maxBatchesPerCommit must be at least 1, but was " + maxBatchesPerCommit);
            }
            this.maxBatchesPerCommit = maxBatchesPerCommit;
            return this;
        }

        /**
         * Sets how long a fetch may take to produce its response.
         * @param eventTimeout a positive duration
         * @return this builder
         */
        public Builder eventTimeout(Duration eventTimeout) {
            this.eventTimeout = positive("eventTimeout", eventTimeout);
            return this;
        }

        /**
         * Sets how many threads run object events.
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
            }
            this.threads = threads;
            return this;
        }

        private static Duration positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + value);
            }
            return value;
        }

        /**
         * Builds the settings.
         * @return the settings
         */
        public ObjectSettings build() {
            return new ObjectSettings(this);
        }
    }
}
