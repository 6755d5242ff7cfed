package dev.wspair.webflux;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one open connection, as listed by {@link WebSocketConnections} and the actuator
 * endpoint.
 *
 * @param id the id of the accepted socket, as used in logs
 * @param route the route template the connection was upgraded on
 * @param remoteAddress the client's address
 * @param openedAt when the handshake completed
 * @param queuedMessages frames waiting in the outbound queue
 * @param queuedBytes payload bytes waiting in the outbound queue
 * @param messagesIn messages received
 * @param messagesOut messages queued for sending
 * @param bytesIn payload bytes received
 * @param bytesOut payload bytes queued for sending
 * @param tags the hibernation tags a Durable Object accepted the socket with; empty otherwise
 */
public record ConnectionInfo(long id, String route, String remoteAddress, Instant openedAt, int queuedMessages,
        long queuedBytes, long messagesIn, long messagesOut, long bytesIn, long bytesOut, List<String> tags) {
}
