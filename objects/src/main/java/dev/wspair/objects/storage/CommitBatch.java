package dev.wspair.objects.storage;

import java.util.List;

/**
 * The writes one event of one Durable Object made, in order: an {@link ObjectStore} applies a
 * batch completely or not at all.
 * @param namespace the object's namespace
 * @param objectId the object's id (64 hex digits)
 * @param mutations the writes, applied in order
 */
public record CommitBatch(String namespace, String objectId, List<Mutation> mutations) {

    /**
     * Copies the list of mutations.
     * @param namespace the object's namespace
     * @param objectId the object's id
     * @param mutations the writes
     */
    public CommitBatch {
        mutations = List.copyOf(mutations);
    }
}
