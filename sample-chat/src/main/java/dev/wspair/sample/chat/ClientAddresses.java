package dev.wspair.sample.chat;

import java.net.InetSocketAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Finds the client IP that the rate limiter keys on. The Worker reads {@code CF-Connecting-IP},
 * which Cloudflare's edge sets, and falls back to the string {@code "null"} (one limiter for every
 * client without it). Here the key is the TCP peer address, unless a trusted reverse proxy is
 * configured ({@code chat.trusted-proxy.header}): then the proxy's header is read, the last entry
 * for {@code X-Forwarded-For} (the one the proxy appended) and the whole value otherwise, with the
 * peer address as fallback when the header is missing.
 */
final class ClientAddresses {

    private final @Nullable String header;

    /**
     * Creates a resolver.
     * @param header the header a trusted proxy sets to the client IP, or {@code null} to use the
     * peer address
     */
    ClientAddresses(@Nullable String header) {
        this.header = (header == null || header.isBlank()) ? null : header.strip();
    }

    /**
     * The client IP of a request.
     * @param request the request
     * @return the IP as text
     */
    String of(ServerRequest request) {
        String forwarded = forwarded(request.headers().asHttpHeaders());
        if (forwarded != null) {
            return forwarded;
        }
        return request.remoteAddress().map(ClientAddresses::peer).orElse("unknown");
    }

    private @Nullable String forwarded(HttpHeaders headers) {
        if (this.header == null) {
            return null;
        }
        String value;
        if (this.header.equalsIgnoreCase("X-Forwarded-For")) {
            List<String> hops = headers.getValuesAsList(this.header);
            value = hops.isEmpty() ? null : hops.get(hops.size() - 1);
        }
        else {
            value = headers.getFirst(this.header);
        }
        return (value == null || value.isBlank()) ? null : value.strip();
    }

    private static String peer(InetSocketAddress address) {
        return (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
