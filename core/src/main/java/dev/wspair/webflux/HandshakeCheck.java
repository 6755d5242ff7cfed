package dev.wspair.webflux;

import java.util.Base64;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Checks an upgrade request against RFC 6455 §4.2.1 before the handshake, so that a bad request
 * gets a 4xx with a plain-text reason instead of a generic error page.
 *
 * @param status the status to answer with
 * @param reason the plain-text reason
 */
record HandshakeCheck(HttpStatus status, String reason) {

    static final String VERSION = "13";

    static @Nullable HandshakeCheck reject(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        if (request.getMethod() != HttpMethod.GET) {
            return new HandshakeCheck(HttpStatus.METHOD_NOT_ALLOWED, "A WebSocket handshake must be a GET request, not " + request.getMethod());
        }
        if (!"websocket".equalsIgnoreCase(headers.getUpgrade())) {
            return new HandshakeCheck(HttpStatus.BAD_REQUEST, "Expected a WebSocket handshake with the header \"Upgrade: websocket\"");
        }
        if (headers.getConnection().stream().noneMatch(token -> token.trim().toLowerCase(Locale.ROOT).equals("upgrade"))) {
            return new HandshakeCheck(HttpStatus.BAD_REQUEST, "Expected the header \"Connection: Upgrade\" in a WebSocket handshake");
        }
        if (!VERSION.equals(headers.getFirst("Sec-WebSocket-Version"))) {
            return new HandshakeCheck(HttpStatus.UPGRADE_REQUIRED, "Unsupported Sec-WebSocket-Version; this server speaks version 13 (RFC 6455)");
        }
        if (!isValidKey(headers.getFirst("Sec-WebSocket-Key"))) {
            return new HandshakeCheck(HttpStatus.BAD_REQUEST, "Invalid Sec-WebSocket-Key: it must be 16 random bytes, base64-encoded");
        }
        return null;
    }

    private static boolean isValidKey(@Nullable String key) {
        if (key == null || key.trim().length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
