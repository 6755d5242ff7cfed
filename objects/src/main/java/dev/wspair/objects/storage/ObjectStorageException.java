package dev.wspair.objects.storage;

/**
 * A storage backend could not read or write: the disk is full, the database file is locked or
 * corrupt. Workers reports these as internal errors of Durable Object storage.
 */
public final class ObjectStorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what failed, with the file or object concerned
     * @param cause the cause
     */
    public ObjectStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
