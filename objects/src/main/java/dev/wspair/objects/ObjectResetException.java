package dev.wspair.objects;

/**
 * The caller's event ran, but its storage writes could not be committed, so the object instance
 * was discarded: nothing the event wrote or sent is kept. Workers reports this case as an internal
 * error of Durable Object storage that reset the object. The next event creates a new instance
 * from the stored state.
 */
public final class ObjectResetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ObjectResetException(String message, Throwable cause) {
        super(message, cause);
    }
}
