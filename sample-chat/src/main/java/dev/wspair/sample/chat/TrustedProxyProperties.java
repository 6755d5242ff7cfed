package dev.wspair.sample.chat;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the rate limiter's client IP comes from ({@code chat.trusted-proxy.*}). The Worker trusts
 * Cloudflare's {@code CF-Connecting-IP}; this sample uses the TCP peer address unless a reverse
 * proxy in front of it is named here.
 *
 * @param header the header the trusted proxy sets to the client IP, such as
 * {@code CF-Connecting-IP} or {@code X-Forwarded-For} (whose last entry is used); unset to use the
 * peer address. Set it only when clients can reach the application through that proxy alone, since
 * any client can send the header itself.
 */
@ConfigurationProperties("chat.trusted-proxy")
record TrustedProxyProperties(@Nullable String header) {
}
