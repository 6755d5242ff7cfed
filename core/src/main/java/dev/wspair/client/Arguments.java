package dev.wspair.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Checks what an application passes to open a WebSocket, with Workers' error texts where Workers
 * has one (workerd {@code web-socket.c++} for {@code new WebSocket()}, {@code http.c++} for
 * {@code fetch()}). Workers' {@code SyntaxError}/{@code TypeError} become
 * {@link IllegalArgumentException}s.
 */
final class Arguments {

    private static final String CONSTRUCTOR = "WebSocket Constructor: ";

    private static final String SEPARATORS = "()<>@,;:\\/[]?={}";

    private Arguments() {
    }

    /**
     * The URL of {@code fetch()}: {@code http} or {@code https}, as in Workers; mapped to
     * {@code ws}/{@code wss} for Reactor Netty.
     */
    static URI fetchUri(String url) {
        URI uri = parse(url);
        if (uri == null) {
            throw new IllegalArgumentException("Invalid URL: " + url);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Fetch API cannot load: " + url);
        }
        return withScheme(uri, scheme.equals("https") ? "wss" : "ws");
    }

    /** The URL of {@code new WebSocket(url)}: absolute, {@code ws} or {@code wss}, no fragment. */
    static URI webSocketUri(String url) {
        URI uri = parse(url);
        if (uri == null) {
            throw new IllegalArgumentException(CONSTRUCTOR + "The url is invalid.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException(CONSTRUCTOR + "The url scheme must be ws or wss.");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(CONSTRUCTOR + "The url fragment must be empty.");
        }
        return withScheme(uri, scheme);
    }

    /** One protocol, as {@code new WebSocket(url, "chat")}. */
    static String protocol(String protocol) {
        if (!isToken(protocol)) {
            throw new IllegalArgumentException(CONSTRUCTOR + "The protocol header token is invalid.");
        }
        return protocol;
    }

    /** Several protocols, as {@code new WebSocket(url, ["a", "b"])}; none for an empty list, as Workers does since workerd#5822. */
    static @Nullable String protocols(List<String> protocols) {
        if (protocols.isEmpty()) {
            return null;
        }
        Set<String> present = new HashSet<>();
        for (String protocol : protocols) {
            if (!isToken(protocol)) {
                throw new IllegalArgumentException(CONSTRUCTOR + "One of the protocol header tokens is invalid.");
            }
            if (!present.add(protocol)) {
                throw new IllegalArgumentException(CONSTRUCTOR + "The protocols header cannot have repeating values.");
            }
        }
        return String.join(", ", protocols);
    }

    /** The URL without user info, query or fragment, for messages and logs that must not leak credentials. */
    static String forLogs(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "") + uri.getRawPath();
    }

    /** RFC 6455 §4.1 item 10 as workerd checks it: printable ASCII without separators, not empty. */
    private static boolean isToken(String protocol) {
        if (protocol.isEmpty()) {
            return false;
        }
        for (int i = 0; i < protocol.length(); i++) {
            char c = protocol.charAt(i);
            if (c < 0x21 || c > 0x7E || SEPARATORS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable URI parse(String url) {
        try {
            URI uri = new URI(url);
            return (uri.isAbsolute() && uri.getHost() != null) ? uri : null;
        }
        catch (URISyntaxException ex) {
            return null;
        }
    }

    /** The same URL with another scheme and without user info or fragment, which the handshake must not carry. */
    private static URI withScheme(URI uri, String scheme) {
        String port = (uri.getPort() != -1) ? ":" + uri.getPort() : "";
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
        String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
        return URI.create(scheme + "://" + uri.getHost() + port + path + query);
    }
}
