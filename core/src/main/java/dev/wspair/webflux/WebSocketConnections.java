package dev.wspair.webflux;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.wspair.CloseCodes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The registry of open connections: counts per route, snapshots for the actuator endpoint, and
 * closing a connection by id. Workers has no such registry; it is what operations need.
 */
public final class WebSocketConnections {

    private final Map<Long, ServerConnection> open = new ConcurrentHashMap<>();

    private volatile boolean accepting = true;

    void add(ServerConnection connection) {
        this.open.put(connection.id(), connection);
    }

    void remove(ServerConnection connection) {
        this.open.remove(connection.id());
    }

    /**
     * Whether new connections are accepted; false once {@link #shutdown} started.
     * @return whether handshakes may proceed
     */
    public boolean isAccepting() {
        return this.accepting;
    }

    /**
     * Accepts new connections again after {@link #shutdown}, as when a stopped application
     * context is started again (a restart, or a paused test context being reused).
     */
    public void resume() {
        this.accepting = true;
    }

    /**
     * Stops accepting connections and closes every open one with 1001 "going away" after the
     * frames already queued for it; connections still open after the timeout are dropped.
     * @param timeout how long to wait for the Close handshakes
     * @return completes when every connection ended
     */
    public Mono<Void> shutdown(Duration timeout) {
        this.accepting = false;
        List<ServerConnection> closing = List.copyOf(this.open.values());
        closing.forEach(connection -> connection.close(CloseCodes.GOING_AWAY, "going away"));
        return Flux.fromIterable(closing)
            .flatMap(ServerConnection::ended)
            .then()
            .timeout(timeout, Mono.fromRunnable(() -> List.copyOf(this.open.values()).forEach(ServerConnection::drop)));
    }

    /**
     * How many connections are open.
     * @return the count
     */
    public int size() {
        return this.open.size();
    }

    /**
     * Open connections per route template, sorted by route.
     * @return route to count
     */
    public Map<String, Integer> countByRoute() {
        Map<String, Integer> counts = new TreeMap<>();
        this.open.values().forEach(connection -> counts.merge(connection.route(), 1, Integer::sum));
        return counts;
    }

    /**
     * Snapshots of the open connections, oldest first.
     * @return the snapshots
     */
    public List<ConnectionInfo> list() {
        return this.open.values().stream().map(ServerConnection::info).sorted(Comparator.comparingLong(ConnectionInfo::id)).toList();
    }

    /**
     * A snapshot of one connection.
     * @param id the socket id
     * @return the snapshot, or empty if no such connection is open
     */
    public Optional<ConnectionInfo> find(long id) {
        return Optional.ofNullable(this.open.get(id)).map(ServerConnection::info);
    }

    /**
     * Closes a connection after the frames already queued for it; the accepted end gets its close
     * event when the Close handshake completes.
     * @param id the socket id
     * @param code a close code an application may send (1000–4999 except 1004, 1005, 1006, 1015)
     * @param reason at most 123 UTF-8 bytes
     * @return whether a connection with that id was open
     * @throws IllegalArgumentException for an invalid code or reason, with Workers' texts
     */
    public boolean close(long id, int code, String reason) {
        CloseCodes.validate(code, reason);
        ServerConnection connection = this.open.get(id);
        if (connection == null) {
            return false;
        }
        connection.close(code, reason);
        return true;
    }
}
