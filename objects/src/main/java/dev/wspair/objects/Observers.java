package dev.wspair.objects;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's observers as one: tells each in turn, and logs one that throws instead of letting
 * it fail a commit or a namespace declaration.
 */
final class Observers implements ObjectObserver {

    private static final Logger logger = LoggerFactory.getLogger(Observers.class);

    private final List<ObjectObserver> observers = new CopyOnWriteArrayList<>();

    void add(ObjectObserver observer) {
        this.observers.add(observer);
    }

    @Override
    public void namespaceCreated(ObjectNamespace<?> namespace) {
        for (ObjectObserver observer : this.observers) {
            try {
                observer.namespaceCreated(namespace);
            }
            catch (RuntimeException ex) {
                logger.error("Observer {} failed on namespace {}", observer, namespace.name(), ex);
            }
        }
    }

    @Override
    public void committed(int batches, long nanos) {
        for (ObjectObserver observer : this.observers) {
            try {
                observer.committed(batches, nanos);
            }
            catch (RuntimeException ex) {
                logger.error("Observer {} failed on a commit", observer, ex);
            }
        }
    }
}
