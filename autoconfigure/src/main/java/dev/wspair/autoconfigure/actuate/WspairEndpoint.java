package dev.wspair.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.wspair.autoconfigure.metrics.RouteUsage;
import dev.wspair.autoconfigure.metrics.WebSocketUsage;
import dev.wspair.webflux.ConnectionInfo;
import dev.wspair.webflux.WebSocketConnections;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code wspair} actuator endpoint: open connections per route, usage per route, a page of
 * open sockets, one socket by id, and closing one socket with a code and reason. It can close
 * sockets: expose it only on a secured management port.
 */
@Endpoint(id = "wspair")
public class WspairEndpoint {

    /** Sockets per page unless {@code size} says otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    /** Largest {@code size} of a page of sockets. */
    public static final int MAX_PAGE_SIZE = 500;

    private static final Set<String> SECTIONS = Set.of("connections", "routes", "usage", "sockets");

    private final WebSocketConnections connections;

    private final @Nullable WebSocketUsage usage;

    private final List<WspairEndpointContributor> contributors;

    /**
     * Creates the endpoint.
     * @param connections the open connections
     * @param usage usage per route, or {@code null} when metrics are off
     * @param contributors further sections of the main response
     */
    public WspairEndpoint(WebSocketConnections connections, @Nullable WebSocketUsage usage,
            List<WspairEndpointContributor> contributors) {
        this.connections = connections;
        this.usage = usage;
        this.contributors = List.copyOf(contributors);
        this.contributors.forEach(contributor -> {
            if (SECTIONS.contains(contributor.name())) {
                throw new IllegalArgumentException("A WspairEndpointContributor may not replace the built-in section '" + contributor.name() + "'");
            }
        });
    }

    /**
     * Open connections in total and per route, usage per route and in total, one page of the
     * open sockets, oldest first, and the contributors' sections, such as {@code objects}.
     * @param page the page of sockets (and of the contributors' lists), from 0
     * @param size sockets per page, 1 to {@value #MAX_PAGE_SIZE}; {@value #DEFAULT_PAGE_SIZE} if absent
     * @return the sections by name
     */
    @ReadOperation
    public Map<String, Object> wspair(@Nullable Integer page, @Nullable Integer size) {
        int pageNumber = (page != null) ? page : 0;
        int pageSize = (size != null) ? size : DEFAULT_PAGE_SIZE;
        if (pageNumber < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            String reason = "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE;
            throw new InvalidEndpointRequestException(reason, reason);
        }
        Instant now = Instant.now();
        List<ConnectionInfo> open = this.connections.list();
        Map<String, RouteUsage> usageByRoute = (this.usage != null) ? this.usage.usage() : Map.of();
        Map<String, Integer> counts = this.connections.countByRoute();
        Map<String, RouteDescriptor> routes = new TreeMap<>();
        counts.forEach((route, count) -> routes.put(route, new RouteDescriptor(count, usageByRoute.get(route))));
        usageByRoute.forEach((route, routeUsage) -> routes.putIfAbsent(route, new RouteDescriptor(0, routeUsage)));
        long from = Math.min((long) pageNumber * pageSize, open.size());
        List<SocketDescriptor> sockets = open.subList((int) from, (int) Math.min(from + pageSize, open.size()))
            .stream()
            .map(info -> SocketDescriptor.of(info, now))
            .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connections", open.size());
        body.put("routes", routes);
        if (this.usage != null) {
            body.put("usage", total(usageByRoute.values()));
        }
        body.put("sockets", new SocketPage(pageNumber, pageSize, open.size(), sockets));
        this.contributors.forEach(contributor -> body.put(contributor.name(), contributor.describe(pageNumber, pageSize)));
        return OperationResponseBody.of(body);
    }

    private static RouteUsage total(Iterable<RouteUsage> usages) {
        long connections = 0;
        long messagesIn = 0;
        long messagesOut = 0;
        double connectionSeconds = 0;
        double listenerSeconds = 0;
        for (RouteUsage usage : usages) {
            connections += usage.connections();
            messagesIn += usage.messagesIn();
            messagesOut += usage.messagesOut();
            connectionSeconds += usage.connectionSeconds();
            listenerSeconds += usage.listenerSeconds();
        }
        return new RouteUsage(connections, messagesIn, messagesOut, connectionSeconds, listenerSeconds);
    }

    /**
     * One open socket.
     * @param id the socket id
     * @return the socket, or {@code null} (404 over HTTP) when no such socket is open
     */
    @ReadOperation
    public @Nullable SocketDescriptor socket(@Selector long id) {
        return this.connections.find(id).map(info -> SocketDescriptor.of(info, Instant.now())).orElse(null);
    }

    /**
     * Closes one socket after the frames already queued for it, as {@code ws.close(code, reason)}
     * does from the server.
     * @param id the socket id
     * @param code a close code an application may send: 1000–4999 except 1004, 1005, 1006 and 1015
     * @param reason at most 123 UTF-8 bytes; empty if absent
     * @return the socket as it was when asked to close, or {@code null} when no such socket is open
     * @throws InvalidEndpointRequestException with Workers' text for an invalid code or reason
     */
    @WriteOperation
    public @Nullable SocketDescriptor close(@Selector long id, int code, @Nullable String reason) {
        ConnectionInfo info = this.connections.find(id).orElse(null);
        try {
            boolean closing = this.connections.close(id, code, (reason != null) ? reason : "");
            return (closing && info != null) ? SocketDescriptor.of(info, Instant.now()) : null;
        }
        catch (IllegalArgumentException ex) {
            String message = String.valueOf(ex.getMessage());
            throw new InvalidEndpointRequestException(message, message);
        }
    }

    /**
     * Open connections on one route and what the route used.
     * @param connections connections open now
     * @param usage usage since startup, absent when metrics are off
     */
    public record RouteDescriptor(int connections, @Nullable RouteUsage usage) {
    }

    /**
     * One page of the open sockets, oldest first.
     * @param page the page number, from 0
     * @param size the page size
     * @param total open sockets on all pages
     * @param content the sockets of this page
     */
    public record SocketPage(int page, int size, int total, List<SocketDescriptor> content) {
    }

    /**
     * One open socket.
     * @param id the socket id, as in logs
     * @param route the route template it was upgraded on
     * @param remoteAddress the client's address
     * @param openedAt when the handshake completed
     * @param ageSeconds whole seconds since then
     * @param queuedMessages frames waiting in its outbound queue
     * @param queuedBytes payload bytes waiting in its outbound queue
     * @param messagesIn messages received
     * @param messagesOut messages queued for sending
     * @param bytesIn payload bytes received
     * @param bytesOut payload bytes queued for sending
     * @param tags the hibernation tags a Durable Object accepted the socket with; empty otherwise
     */
    public record SocketDescriptor(long id, String route, String remoteAddress, Instant openedAt, long ageSeconds,
            int queuedMessages, long queuedBytes, long messagesIn, long messagesOut, long bytesIn, long bytesOut,
            List<String> tags) implements OperationResponseBody {

        static SocketDescriptor of(ConnectionInfo info, Instant now) {
            return new SocketDescriptor(info.id(), info.route(), info.remoteAddress(), info.openedAt(),
                    Duration.between(info.openedAt(), now).toSeconds(), info.queuedMessages(), info.queuedBytes(),
                    info.messagesIn(), info.messagesOut(), info.bytesIn(), info.bytesOut(), info.tags());
        }
    }
}
