package dev.wspair.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wspair.webflux.ConnectionLimits;
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

    private final Origin origin = new Origin();

    private final Limits limits = new Limits();

    private final KeepAlive keepAlive = new KeepAlive();

    private final Shutdown shutdown = new Shutdown();

    private final Client client = new Client();

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

    public Origin getOrigin() {
        return this.origin;
    }

    public Limits getLimits() {
        return this.limits;
    }

    public KeepAlive getKeepAlive() {
        return this.keepAlive;
    }

    public Shutdown getShutdown() {
        return this.shutdown;
    }

    public Client getClient() {
        return this.client;
    }

    /**
     * Which pages may open WebSockets (checked against the Origin header before the upgrade).
     */
    public static class Origin {

        /**
         * Allowed origin patterns, such as https://example.com or https://*.example.com. When
         * empty, only pages served from the same host and port are allowed.
         */
        private List<String> allowed = new ArrayList<>();

        /**
         * Whether handshakes without an Origin header (non-browser clients) are allowed.
         */
        private boolean allowMissing = true;

        public List<String> getAllowed() {
            return this.allowed;
        }

        public void setAllowed(List<String> allowed) {
            this.allowed = allowed;
        }

        public boolean isAllowMissing() {
            return this.allowMissing;
        }

        public void setAllowMissing(boolean allowMissing) {
            this.allowMissing = allowMissing;
        }
    }

    /**
     * Caps on connections and handshakes; a handshake over a cap gets 503 with Retry-After.
     */
    public static class Limits {

        /**
         * Most open WebSocket connections in all.
         */
        private int maxConnections = ConnectionLimits.DEFAULTS.maxConnections();

        /**
         * Most open WebSocket connections from one client address.
         */
        private int maxConnectionsPerAddress = ConnectionLimits.DEFAULTS.maxConnectionsPerAddress();

        /**
         * Sustained WebSocket handshakes per second from one client address.
         */
        private int handshakesPerSecondPerAddress = ConnectionLimits.DEFAULTS.handshakesPerSecondPerAddress();

        /**
         * Handshakes one client address may make at once before the rate applies.
         */
        private int handshakeBurst = ConnectionLimits.DEFAULTS.handshakeBurst();

        public int getMaxConnections() {
            return this.maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public int getMaxConnectionsPerAddress() {
            return this.maxConnectionsPerAddress;
        }

        public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        }

        public int getHandshakesPerSecondPerAddress() {
            return this.handshakesPerSecondPerAddress;
        }

        public void setHandshakesPerSecondPerAddress(int handshakesPerSecondPerAddress) {
            this.handshakesPerSecondPerAddress = handshakesPerSecondPerAddress;
        }

        public int getHandshakeBurst() {
            return this.handshakeBurst;
        }

        public void setHandshakeBurst(int handshakeBurst) {
            this.handshakeBurst = handshakeBurst;
        }

        ConnectionLimits toLimits() {
            return new ConnectionLimits(this.maxConnections, this.maxConnectionsPerAddress, this.handshakesPerSecondPerAddress, this.handshakeBurst);
        }
    }

    /**
     * Server pings for silent connections.
     */
    public static class KeepAlive {

        /**
         * Whether to ping silent connections and close those that stay silent.
         */
        private boolean enabled = true;

        /**
         * Silence after which a Ping is sent.
         */
        private Duration interval = dev.wspair.webflux.KeepAlive.DEFAULTS.interval();

        /**
         * Time after that Ping within which anything must arrive, or the connection is closed
         * with 1001.
         */
        private Duration timeout = dev.wspair.webflux.KeepAlive.DEFAULTS.timeout();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        dev.wspair.webflux.KeepAlive toKeepAlive() {
            return this.enabled ? new dev.wspair.webflux.KeepAlive(this.interval, this.timeout) : dev.wspair.webflux.KeepAlive.OFF;
        }
    }

    /**
     * Closing connections when the application stops.
     */
    public static class Shutdown {

        /**
         * Time to close every connection with 1001 after its queued frames, before the
         * remaining ones are dropped.
         */
        private Duration timeout = Duration.ofSeconds(10);

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
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

        /**
         * Time queued frames may wait with none written to the client before the connection is
         * closed according to the overflow policy.
         */
        private Duration sendTimeLimit = Duration.ofSeconds(10);

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

        public Duration getSendTimeLimit() {
            return this.sendTimeLimit;
        }

        public void setSendTimeLimit(Duration sendTimeLimit) {
            this.sendTimeLimit = sendTimeLimit;
        }

        public OverflowPolicy getOverflowPolicy() {
            return this.overflowPolicy;
        }

        public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
        }
    }

    /**
     * Outbound WebSockets: the WebSocketClient that fetches upgrades and opens sockets to other
     * servers. Its outbound queue, keep-alive and close timeout follow the server's settings.
     */
    public static class Client {

        /**
         * Time to establish the TCP connection.
         */
        private Duration connectTimeout = Duration.ofSeconds(10);

        /**
         * Time the server may take to answer the upgrade request once connected.
         */
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        /**
         * Largest message accepted from a server. Defaults to wspair.max-message-size; at most
         * 32MB, the Workers limit.
         */
        private @Nullable DataSize maxMessageSize;

        /**
         * Largest frame payload accepted from a server. Defaults to the client's message size and
         * may not exceed it.
         */
        private @Nullable DataSize maxFrameSize;

        private final Ssl ssl = new Ssl();

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getHandshakeTimeout() {
            return this.handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
        }

        public @Nullable DataSize getMaxMessageSize() {
            return this.maxMessageSize;
        }

        public void setMaxMessageSize(@Nullable DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        public @Nullable DataSize getMaxFrameSize() {
            return this.maxFrameSize;
        }

        public void setMaxFrameSize(@Nullable DataSize maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

        public Ssl getSsl() {
            return this.ssl;
        }

        /**
         * TLS for wss:// and https:// URLs.
         */
        public static class Ssl {

            /**
             * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material and key verify
             * servers and identify the client. Without one, the JDK's default trust store applies.
             */
            private @Nullable String bundle;

            public @Nullable String getBundle() {
                return this.bundle;
            }

            public void setBundle(@Nullable String bundle) {
                this.bundle = bundle;
            }
        }
    }
}
