package dev.wspair.autoconfigure;

import java.time.Duration;

import dev.wspair.webflux.OverflowPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of wspair's WebSocket connections ({@code wspair.*}).
 */
@ConfigurationProperties("wspair")
public class WspairProperties {

    /**
     * Largest inbound message. A larger one closes the connection with 1009 and gives the accepted
     * end an error event. At most 32MB, the Workers limit.
     */
    private DataSize maxMessageSize = DataSize.ofMegabytes(1);

    /**
     * Largest inbound frame payload. Defaults to the message limit and may not exceed it.
     */
    private @Nullable DataSize maxFrameSize;

    /**
     * Whether to negotiate permessage-deflate compression when a client offers it.
     */
    private boolean compression;

    /**
     * Time a connection may take to finish closing after wspair sent its Close frame, before the
     * TCP connection is dropped.
     */
    private Duration closeTimeout = Duration.ofSeconds(5);

    private final Outbound outbound = new Outbound();

    public DataSize getMaxMessageSize() {
        return this.maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public @Nullable DataSize getMaxFrameSize() {
        return this.maxFrameSize;
    }

    public void setMaxFrameSize(@Nullable DataSize maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public boolean isCompression() {
        return this.compression;
    }

    public void setCompression(boolean compression) {
        this.compression = compression;
    }

    public Duration getCloseTimeout() {
        return this.closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public Outbound getOutbound() {
        return this.outbound;
    }

    /**
     * The bounded queue of frames waiting to be written to one connection.
     */
    public static class Outbound {

        /**
         * Most frames waiting to be written to one connection.
         */
        private int maxQueuedMessages = 1024;

        /**
         * Most payload bytes waiting to be written to one connection. A single larger message is
         * still accepted into an empty queue.
         */
        private DataSize maxQueuedBytes = DataSize.ofMegabytes(1);

        /**
         * What a full queue does: close with 1008 (policy violation) or 1013 (try again later).
         */
        private OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE_POLICY_VIOLATION;

        public int getMaxQueuedMessages() {
            return this.maxQueuedMessages;
        }

        public void setMaxQueuedMessages(int maxQueuedMessages) {
            this.maxQueuedMessages = maxQueuedMessages;
        }

        public DataSize getMaxQueuedBytes() {
            return this.maxQueuedBytes;
        }

        public void setMaxQueuedBytes(DataSize maxQueuedBytes) {
            this.maxQueuedBytes = maxQueuedBytes;
        }

        public OverflowPolicy getOverflowPolicy() {
            return this.overflowPolicy;
        }

        public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
        }
    }
}
