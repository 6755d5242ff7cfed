package dev.wspair.autoconfigure.metrics;

/**
 * What one route has used since the application started, in the units Cloudflare bills Workers
 * and Durable Objects by: upgraded connections (billed as requests), WebSocket messages each way,
 * wall-clock connection time, and time spent in event listeners (the closest to CPU time).
 *
 * @param connections connections upgraded on the route
 * @param messagesIn messages received from clients
 * @param messagesOut messages queued for clients
 * @param connectionSeconds summed lifetime of the route's connections, the open ones up to now
 * @param listenerSeconds summed time the route's event listeners ran
 */
public record RouteUsage(long connections, long messagesIn, long messagesOut, double connectionSeconds,
        double listenerSeconds) {
}
