package dev.wspair.webflux;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;

/**
 * Which pages may open a WebSocket: browsers do not apply the same-origin policy to the handshake,
 * so the server must check {@code Origin} itself (Cross-Site WebSocket Hijacking). With no allowed
 * origins configured only pages of the same host and port are accepted. Requests without an
 * {@code Origin} header come from non-browser clients and are allowed unless
 * {@link #allowMissing()} is off. Workers leaves this check to the application.
 */
public final class OriginPolicy {

    private static final OriginPolicy SAME_HOST = new OriginPolicy(List.of(), true);

    private final List<String> allowed;

    private final boolean allowMissing;

    private final @Nullable CorsConfiguration patterns;

    private OriginPolicy(List<String> allowed, boolean allowMissing) {
        this.allowed = List.copyOf(allowed);
        this.allowMissing = allowMissing;
        if (this.allowed.isEmpty()) {
            this.patterns = null;
        }
        else {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOriginPatterns(this.allowed);
            this.patterns = configuration;
        }
    }

    /**
     * The default: same host and port only, requests without {@code Origin} allowed.
     * @return the policy
     */
    public static OriginPolicy sameHost() {
        return SAME_HOST;
    }

    /**
     * A policy with an allow-list of origin patterns such as {@code https://example.com} or
     * {@code https://*.example.com} (Spring's CORS origin patterns); {@code *} allows every origin.
     * @param allowed the patterns; empty means same host only
     * @param allowMissing whether requests without an {@code Origin} header are allowed
     * @return the policy
     */
    public static OriginPolicy of(List<String> allowed, boolean allowMissing) {
        return new OriginPolicy(allowed, allowMissing);
    }

    /**
     * The allowed origin patterns; empty means same host only.
     * @return the patterns
     */
    public List<String> allowed() {
        return this.allowed;
    }

    /**
     * Whether requests without an {@code Origin} header (non-browser clients) are allowed.
     * @return whether they are allowed
     */
    public boolean allowMissing() {
        return this.allowMissing;
    }

    /**
     * Decides one handshake.
     * @param origin the {@code Origin} header, or {@code null}
     * @param host the {@code Host} header, or {@code null}
     * @param secure whether the request arrived over TLS (for the default port)
     * @return whether the handshake may proceed
     */
    public boolean allows(@Nullable String origin, @Nullable String host, boolean secure) {
        if (origin == null) {
            return this.allowMissing;
        }
        if (this.patterns != null) {
            return this.patterns.checkOrigin(origin) != null;
        }
        return host != null && sameHost(origin, host, secure);
    }

    private static boolean sameHost(String origin, String host, boolean secure) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int originPort = (uri.getPort() != -1) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
            URI hostUri = URI.create((secure ? "https://" : "http://") + host);
            if (hostUri.getHost() == null) {
                return false;
            }
            int hostPort = (hostUri.getPort() != -1) ? hostUri.getPort() : (secure ? 443 : 80);
            return uri.getHost().toLowerCase(Locale.ROOT).equals(hostUri.getHost().toLowerCase(Locale.ROOT)) && originPort == hostPort;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "OriginPolicy[allowed=" + (this.allowed.isEmpty() ? "same host" : this.allowed) + ", allowMissing=" + this.allowMissing + "]";
    }
}
