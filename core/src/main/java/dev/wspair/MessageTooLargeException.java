package dev.wspair;

/**
 * The error carried by the {@link ErrorEvent} of a socket that received a message over its limit;
 * the peer was sent Close 1009, as Workers does.
 */
public final class MessageTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MessageTooLargeException(String message) {
        super(message);
    }
}
