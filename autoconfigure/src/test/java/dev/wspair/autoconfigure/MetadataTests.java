package dev.wspair.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration processor documents every {@code wspair.*} property for IDEs. */
class MetadataTests {

    @Test
    void everyPropertyIsDescribedInTheGeneratedMetadata() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-configuration-metadata.json").isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"name\": \"wspair.max-message-size\"", "\"name\": \"wspair.max-frame-size\"",
                    "\"name\": \"wspair.compression\"", "\"name\": \"wspair.close-timeout\"",
                    "\"name\": \"wspair.outbound.max-queued-messages\"", "\"name\": \"wspair.outbound.max-queued-bytes\"",
                    "\"name\": \"wspair.outbound.overflow-policy\"", "\"name\": \"wspair.origin.allowed\"",
                    "\"name\": \"wspair.origin.allow-missing\"", "\"name\": \"wspair.limits.max-connections\"",
                    "\"name\": \"wspair.limits.max-connections-per-address\"", "\"name\": \"wspair.limits.handshakes-per-second-per-address\"",
                    "\"name\": \"wspair.limits.handshake-burst\"", "\"name\": \"wspair.keep-alive.enabled\"",
                    "\"name\": \"wspair.keep-alive.interval\"", "\"name\": \"wspair.keep-alive.timeout\"",
                    "\"name\": \"wspair.shutdown.timeout\"", "\"name\": \"wspair.client.connect-timeout\"",
                    "\"name\": \"wspair.client.handshake-timeout\"", "\"name\": \"wspair.client.max-message-size\"",
                    "\"name\": \"wspair.client.max-frame-size\"", "\"name\": \"wspair.client.ssl.bundle\"");
            assertThat(json).contains("Largest inbound message.");
            assertThat(json).contains("\"name\": \"wspair.objects.store\"", "\"name\": \"wspair.objects.data-directory\"",
                    "\"name\": \"wspair.objects.idle-timeout\"", "\"name\": \"wspair.objects.max-web-sockets-per-object\"",
                    "\"name\": \"wspair.objects.threads\"", "\"name\": \"wspair.objects.event-timeout\"",
                    "\"name\": \"wspair.objects.commit.max-batches\"", "\"name\": \"wspair.objects.sqlite.synchronous\"");
        }
    }
}
