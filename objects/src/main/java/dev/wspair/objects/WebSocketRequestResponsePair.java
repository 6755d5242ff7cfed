package dev.wspair.objects;

import java.nio.charset.StandardCharsets;

/**
 * The request and response of a Durable Object's WebSocket auto-response, as Workers'
 * {@code new WebSocketRequestResponsePair(request, response)}: a text message equal to
 * {@code request} is answered with {@code response} without running the object.
 * @param request the exact text to answer, at most 2,048 UTF-8 bytes
 * @param response the text to send back, at most 2,048 UTF-8 bytes
 */
public record WebSocketRequestResponsePair(String request, String response) {

    /** Workers' limit on each string, in bytes. */
    public static final int MAX_SIZE = 2048;

    /**
     * Checks both sizes with Workers' texts.
     * @param request the request
     * @param response the response
     * @throws IllegalArgumentException {@code "Request cannot be larger than 2048 bytes. A request of
     * size N was provided."} (or {@code "Response ..."})
     */
    public WebSocketRequestResponsePair {
        check("Request", "request", request);
        check("Response", "response", response);
    }

    private static void check(String title, String noun, String text) {
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException(title + " cannot be larger than " + MAX_SIZE + " bytes. A " + noun + " of size " + size + " was provided.");
        }
    }
}
