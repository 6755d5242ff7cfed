package dev.wspair.autoconfigure;

import java.time.Duration;

import dev.wspair.webflux.WebSocketConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Closes every WebSocket with 1001 "going away" when the application stops, before the web
 * server's graceful shutdown, so that shutdown neither waits for idle sockets nor cuts them off
 * without a Close frame. New handshakes get 503 from the moment it starts until the context is
 * started again.
 */
public final class WebSocketShutdown implements SmartLifecycle {

    /** Stops before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger logger = LoggerFactory.getLogger(WebSocketShutdown.class);

    private final WebSocketConnections connections;

    private final Duration timeout;

    private volatile boolean running;

    /**
     * Creates the lifecycle.
     * @param connections the connections to close
     * @param timeout how long the Close handshakes may take before connections are dropped
     */
    public WebSocketShutdown(WebSocketConnections connections, Duration timeout) {
        this.connections = connections;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        this.connections.resume();
        this.running = true;
    }

    @Override
    public void stop() {
        int open = this.connections.size();
        if (open > 0) {
            logger.info("Closing {} WebSocket connection(s) with 1001 (timeout {})", open, this.timeout);
        }
        long started = System.nanoTime();
        this.connections.shutdown(this.timeout).block(this.timeout.plusSeconds(5));
        if (open > 0) {
            logger.info("Closed {} WebSocket connection(s) in {} ms", open, (System.nanoTime() - started) / 1_000_000);
        }
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Not paused with the context, like Spring Boot's web server: a paused context (Spring's test
     * context cache pauses the ones it is not using) keeps serving, so its WebSockets stay open
     * and new handshakes are still accepted. Stopping would refuse them for good.
     * @return {@code false}
     */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
