package dev.wspair.sample.chat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.reactive.function.server.MockServerRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which client IP the rate limiter keys on: the peer address unless a trusted proxy's header is
 * configured.
 */
class ClientAddressesTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("10.0.0.7", 40000);

    @Test
    void withoutATrustedProxyThePeerAddressCountsAndForwardedHeadersAreIgnored() {
        MockServerRequest request = MockServerRequest.builder()
            .remoteAddress(PEER)
            .header("CF-Connecting-IP", "203.0.113.9")
            .header("X-Forwarded-For", "203.0.113.9")
            .build();
        assertThat(new ClientAddresses(null).of(request)).isEqualTo("10.0.0.7");
        assertThat(new ClientAddresses(" ").of(request)).isEqualTo("10.0.0.7");
    }

    @Test
    void cloudflaresHeaderIsReadWhenTrusted() {
        MockServerRequest request = MockServerRequest.builder().remoteAddress(PEER).header("CF-Connecting-IP", " 203.0.113.9 ").build();
        assertThat(new ClientAddresses("CF-Connecting-IP").of(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void theLastXForwardedForEntryIsTheOneTheTrustedProxyAdded() {
        MockServerRequest request = MockServerRequest.builder()
            .remoteAddress(PEER)
            .header("X-Forwarded-For", "1.1.1.1, 198.51.100.2")
            .header("X-Forwarded-For", "203.0.113.9")
            .build();
        assertThat(new ClientAddresses("X-Forwarded-For").of(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void aMissingHeaderFallsBackToThePeerAddress() {
        MockServerRequest request = MockServerRequest.builder().remoteAddress(PEER).build();
        assertThat(new ClientAddresses("X-Forwarded-For").of(request)).isEqualTo("10.0.0.7");
        assertThat(new ClientAddresses("CF-Connecting-IP").of(request)).isEqualTo("10.0.0.7");
    }
}
