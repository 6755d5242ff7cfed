package dev.wspair.objects;

/**
 * Counters of one namespace since the runtime started, from {@link ObjectNamespace#stats()}: what
 * Workers' Durable Objects analytics show per namespace.
 *
 * @param liveInstances object instances in memory now
 * @param hibernatableSockets sockets its objects accepted with {@code state.acceptWebSocket} and still list
 * @param evictions instances evicted after the idle timeout
 * @param commitFailures event batches of its objects whose storage commit failed
 */
public record NamespaceStats(long liveInstances, long hibernatableSockets, long evictions, long commitFailures) {
}
