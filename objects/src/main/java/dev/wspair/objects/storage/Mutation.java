package dev.wspair.objects.storage;

/**
 * One write of a Durable Object's storage, as handed to an {@link ObjectStore} in a
 * {@link CommitBatch}.
 */
public sealed interface Mutation {

    /**
     * Stores a value under a key.
     * @param key the key
     * @param value the encoded value
     */
    record Put(String key, byte[] value) implements Mutation {
    }

    /**
     * Removes a key.
     * @param key the key
     */
    record Delete(String key) implements Mutation {
    }

    /** Removes every key of the object (its alarm stays, as in Workers). */
    record DeleteAll() implements Mutation {
    }

    /**
     * Sets the object's single alarm.
     * @param epochMillis when it fires, in milliseconds since the epoch
     */
    record SetAlarm(long epochMillis) implements Mutation {
    }

    /** Removes the object's alarm. */
    record DeleteAlarm() implements Mutation {
    }
}
