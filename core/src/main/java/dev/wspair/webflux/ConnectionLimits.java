package dev.wspair.webflux;

/**
 * Caps on connections and handshakes: at most {@code maxConnections} open in all, at most
 * {@code maxConnectionsPerAddress} from one client address, and at most
 * {@code handshakesPerSecondPerAddress} handshakes per second from one address (with bursts of
 * {@code handshakeBurst}). A handshake over a cap is refused with {@code 503} and
 * {@code Retry-After} before the upgrade. Workers enforces its own platform limits instead.
 *
 * @param maxConnections most open connections in all
 * @param maxConnectionsPerAddress most open connections from one client address
 * @param handshakesPerSecondPerAddress sustained handshakes per second from one address
 * @param handshakeBurst handshakes one address may make at once before the rate applies
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress, int handshakesPerSecondPerAddress, int handshakeBurst) {

    /** The defaults: 10,000 connections, 1,000 per address, 50 handshakes per second per address with bursts of 100. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(10_000, 1_000, 50, 100);

    /**
     * Validates the limits.
     * @throws IllegalArgumentException if a limit is not positive or the per-address cap exceeds the total
     */
    public ConnectionLimits {
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || handshakesPerSecondPerAddress < 1 || handshakeBurst < 1) {
            throw new IllegalArgumentException("Connection limits must be positive, but were " + maxConnections + " connections, "
                    + maxConnectionsPerAddress + " per address, " + handshakesPerSecondPerAddress + " handshakes per second, burst " + handshakeBurst);
        }
        if (maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("maxConnectionsPerAddress (" + maxConnectionsPerAddress + ") must not exceed maxConnections (" + maxConnections + ")");
        }
    }
}
