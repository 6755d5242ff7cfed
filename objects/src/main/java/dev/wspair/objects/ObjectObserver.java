package dev.wspair.objects;

/**
 * Observes the Durable Objects runtime, for metrics (SPI; the starter binds it to Micrometer):
 * the namespaces it creates, whose {@link ObjectNamespace#stats()} and
 * {@link ObjectNamespace#objects()} can then be read, and the time of every storage commit.
 * Workers shows the same in its Durable Objects analytics. Add one with
 * {@link ObjectNamespaces#observe(ObjectObserver)}; its methods must be quick and must not throw.
 */
public interface ObjectObserver {

    /**
     * A namespace was declared; when the observer is added, it hears of the existing ones first.
     * @param namespace the namespace
     */
    default void namespaceCreated(ObjectNamespace<?> namespace) {
    }

    /**
     * A storage transaction committed, on the writer thread, before the frames of its events leave.
     * @param batches the event batches it grouped, of any objects
     * @param nanos how long the store took to commit them durably
     */
    default void committed(int batches, long nanos) {
    }
}
