package dev.wspair.objects;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Counters of the Durable Objects runtime since it started, from {@link ObjectNamespaces#stats()}.
 * @param liveInstances object instances in memory now
 * @param hibernatableSockets sockets accepted with {@code state.acceptWebSocket} and still listed
 * @param instancesCreated object instances constructed (including re-creations after eviction or reset)
 * @param evictions instances evicted after the idle timeout
 * @param eventsRun events run (fetch, call, alarm, socket events)
 * @param commitTransactions storage transactions committed
 * @param committedBatches event batches committed; more than transactions when commits were grouped
 * @param commitFailures batches whose commit failed
 * @param objectResets instances discarded because a commit failed: one per failed batch, so always {@code commitFailures}
 * @param lastCommitFailure when the last commit failure happened, or {@code null} if none did
 */
public record ObjectStats(long liveInstances, long hibernatableSockets, long instancesCreated, long evictions, long eventsRun,
        long commitTransactions, long committedBatches, long commitFailures, long objectResets, @Nullable Instant lastCommitFailure) {
}
