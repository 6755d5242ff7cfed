package dev.wspair.webflux;

import java.time.Duration;
import java.util.Objects;

import dev.wspair.WebSocketPair;
import org.jspecify.annotations.Nullable;

/**
 * Immutable limits and options of the connections wspair serves, built with {@link #builder()}.
 * Defaults: 1 MiB messages and frames, compression off, an outbound queue of 1024 messages or
 * 1 MiB per connection closing with 1008 when full or when nothing was written for 10 s, 5 s for a
 * Close handshake to finish,
 * same-host origins only, the {@link ConnectionLimits#DEFAULTS connection limits} and
 * {@link KeepAlive#DEFAULTS keep-alive} defaults.
 */
public final class WebSocketSettings {

    private static final WebSocketSettings DEFAULTS = builder().build();

    private final long maxMessageSize;

    private final long maxFrameSize;

    private final boolean compression;

    private final int maxQueuedMessages;

    private final long maxQueuedBytes;

    private final OverflowPolicy overflowPolicy;

    private final Duration sendTimeLimit;

    private final Duration closeTimeout;

    private final OriginPolicy originPolicy;

    private final ConnectionLimits limits;

    private final KeepAlive keepAlive;

    private WebSocketSettings(Builder builder) {
        this.maxMessageSize = builder.maxMessageSize;
        this.maxFrameSize = (builder.maxFrameSize != null) ? builder.maxFrameSize : builder.maxMessageSize;
        this.compression = builder.compression;
        this.maxQueuedMessages = builder.maxQueuedMessages;
        this.maxQueuedBytes = builder.maxQueuedBytes;
        this.overflowPolicy = builder.overflowPolicy;
        this.sendTimeLimit = builder.sendTimeLimit;
        this.closeTimeout = builder.closeTimeout;
        this.originPolicy = builder.originPolicy;
        this.limits = builder.limits;
        this.keepAlive = builder.keepAlive;
        if (this.maxFrameSize > this.maxMessageSize) {
            throw new IllegalArgumentException("maxFrameSize (" + this.maxFrameSize + ") must not exceed maxMessageSize (" + this.maxMessageSize + ")");
        }
    }

    /**
     * The default settings.
     * @return the defaults
     */
    public static WebSocketSettings defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Largest inbound message in bytes; a larger one closes the connection with 1009.
     * @return the limit
     */
    public long maxMessageSize() {
        return this.maxMessageSize;
    }

    /**
     * Largest inbound frame payload in bytes; defaults to {@link #maxMessageSize()}.
     * @return the limit
     */
    public long maxFrameSize() {
        return this.maxFrameSize;
    }

    /**
     * Whether permessage-deflate is negotiated when a client offers it.
     * @return whether compression is on
     */
    public boolean compression() {
        return this.compression;
    }

    /**
     * Most frames waiting in one connection's outbound queue.
     * @return the limit
     */
    public int maxQueuedMessages() {
        return this.maxQueuedMessages;
    }

    /**
     * Most payload bytes waiting in one connection's outbound queue (a single larger message is
     * still accepted into an empty queue).
     * @return the limit
     */
    public long maxQueuedBytes() {
        return this.maxQueuedBytes;
    }

    /**
     * What a full outbound queue does.
     * @return the policy
     */
    public OverflowPolicy overflowPolicy() {
        return this.overflowPolicy;
    }

    /**
     * How long frames may wait in the outbound queue without any of them being written before
     * the connection is closed according to the {@link #overflowPolicy()}; checked when more
     * frames are sent.
     * @return the limit
     */
    public Duration sendTimeLimit() {
        return this.sendTimeLimit;
    }

    /**
     * How long a connection may take to finish closing after wspair sent its Close frame before
     * the TCP connection is dropped.
     * @return the timeout
     */
    public Duration closeTimeout() {
        return this.closeTimeout;
    }

    /**
     * Which pages may open connections.
     * @return the origin policy
     */
    public OriginPolicy originPolicy() {
        return this.originPolicy;
    }

    /**
     * Caps on connections and handshakes.
     * @return the limits
     */
    public ConnectionLimits limits() {
        return this.limits;
    }

    /**
     * Server pings and idle closing.
     * @return the keep-alive settings
     */
    public KeepAlive keepAlive() {
        return this.keepAlive;
    }

    /**
     * A builder initialised with these settings.
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().maxMessageSize(this.maxMessageSize)
            .maxFrameSize(this.maxFrameSize)
            .compression(this.compression)
            .maxQueuedMessages(this.maxQueuedMessages)
            .maxQueuedBytes(this.maxQueuedBytes)
            .overflowPolicy(this.overflowPolicy)
            .sendTimeLimit(this.sendTimeLimit)
            .closeTimeout(this.closeTimeout)
            .originPolicy(this.originPolicy)
            .limits(this.limits)
            .keepAlive(this.keepAlive);
    }

    @Override
    public String toString() {
        return "WebSocketSettings[maxMessageSize=" + this.maxMessageSize + ", maxFrameSize=" + this.maxFrameSize
                + ", compression=" + this.compression + ", maxQueuedMessages=" + this.maxQueuedMessages
                + ", maxQueuedBytes=" + this.maxQueuedBytes + ", overflowPolicy=" + this.overflowPolicy + ", sendTimeLimit=" + this.sendTimeLimit
                + ", closeTimeout=" + this.closeTimeout + ", originPolicy=" + this.originPolicy + ", limits=" + this.limits
                + ", keepAlive=" + this.keepAlive + "]";
    }

    /** Builds {@link WebSocketSettings}, validating each value as it is set. */
    public static final class Builder {

        private long maxMessageSize = WebSocketPair.DEFAULT_MAX_MESSAGE_SIZE;

        private @Nullable Long maxFrameSize;

        private boolean compression;

        private int maxQueuedMessages = 1024;

        private long maxQueuedBytes = 1024 * 1024;

        private OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE_POLICY_VIOLATION;

        private Duration sendTimeLimit = Duration.ofSeconds(10);

        private Duration closeTimeout = Duration.ofSeconds(5);

        private OriginPolicy originPolicy = OriginPolicy.sameHost();

        private ConnectionLimits limits = ConnectionLimits.DEFAULTS;

        private KeepAlive keepAlive = KeepAlive.DEFAULTS;

        private Builder() {
        }

        /**
         * Sets the largest inbound message.
         * @param bytes 1 byte to 32 MiB (Workers' limit)
         * @return this builder
         */
        public Builder maxMessageSize(long bytes) {
            if (bytes < 1 || bytes > WebSocketPair.MAX_MESSAGE_SIZE_LIMIT) {
                throw new IllegalArgumentException("maxMessageSize must be between 1 byte and 32 MiB (" + WebSocketPair.MAX_MESSAGE_SIZE_LIMIT + " bytes, Workers' limit), but was " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Sets the largest inbound frame payload; it may not exceed the message limit.
         * @param bytes at least 125 bytes
         * @return this builder
         */
        public Builder maxFrameSize(long bytes) {
            if (bytes < 125 || bytes > WebSocketPair.MAX_MESSAGE_SIZE_LIMIT) {
                throw new IllegalArgumentException("maxFrameSize must be between 125 bytes and 32 MiB, but was " + bytes);
            }
            this.maxFrameSize = bytes;
            return this;
        }

        /**
         * Sets whether permessage-deflate is negotiated when offered.
         * @param compression whether to compress
         * @return this builder
         */
        public Builder compression(boolean compression) {
            this.compression = compression;
            return this;
        }

        /**
         * Sets the most frames waiting in one outbound queue.
         * @param messages at least 1
         * @return this builder
         */
        public Builder maxQueuedMessages(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("maxQueuedMessages must be at least 1, but was " + messages);
            }
            this.maxQueuedMessages = messages;
            return this;
        }

        /**
         * Sets the most payload bytes waiting in one outbound queue.
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxQueuedBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxQueuedBytes must be at least 1, but was " + bytes);
            }
            this.maxQueuedBytes = bytes;
            return this;
        }

        /**
         * Sets what a full outbound queue does.
         * @param policy the policy
         * @return this builder
         */
        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = Objects.requireNonNull(policy, "overflowPolicy");
            return this;
        }

        /**
         * Sets how long queued frames may wait with none written before the connection is closed.
         * @param limit positive
         * @return this builder
         */
        public Builder sendTimeLimit(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("sendTimeLimit must be positive, but was " + limit);
            }
            this.sendTimeLimit = limit;
            return this;
        }

        /**
         * Sets how long a Close handshake may take before the connection is dropped.
         * @param timeout positive
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("closeTimeout must be positive, but was " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Sets which pages may open connections.
         * @param policy the origin policy
         * @return this builder
         */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = Objects.requireNonNull(policy, "originPolicy");
            return this;
        }

        /**
         * Sets the caps on connections and handshakes.
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(ConnectionLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sets server pings and idle closing ({@link KeepAlive#OFF} for none).
         * @param keepAlive the keep-alive settings
         * @return this builder
         */
        public Builder keepAlive(KeepAlive keepAlive) {
            this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
            return this;
        }

        /**
         * Builds the settings.
         * @return the settings
         * @throws IllegalArgumentException if the frame limit exceeds the message limit
         */
        public WebSocketSettings build() {
            return new WebSocketSettings(this);
        }
    }
}
