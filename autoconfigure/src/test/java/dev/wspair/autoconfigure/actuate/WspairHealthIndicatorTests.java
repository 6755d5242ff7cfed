package dev.wspair.autoconfigure.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.wspair.webflux.ConnectionInfo;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** The saturation rule of {@link WspairHealthIndicator}, on snapshots of connections. */
class WspairHealthIndicatorTests {

    private final WspairHealthIndicator indicator = new WspairHealthIndicator(new WebSocketConnections(),
            WebSocketSettings.builder().maxQueuedMessages(100).maxQueuedBytes(1000).build());

    private static ConnectionInfo queued(int messages, long bytes) {
        return new ConnectionInfo(1, "/ws", "127.0.0.1:1", Instant.now(), messages, bytes, 0, 0, 0, 0, List.of());
    }

    private static List<ConnectionInfo> connections(int saturated, int idle) {
        List<ConnectionInfo> all = new ArrayList<>(Collections.nCopies(saturated, queued(10, 900)));
        all.addAll(Collections.nCopies(idle, queued(0, 0)));
        return all;
    }

    @Test
    void reportsTheFullestQueueAsTheLargerOfItsMessageAndByteShares() {
        Health health = this.indicator.health(List.of(queued(85, 10), queued(1, 500), queued(0, 0)));
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("connections", 3)
            .containsEntry("saturatedConnections", 1)
            .containsEntry("queueSaturation", 0.85);
    }

    @Test
    void oneSlowClientDoesNotMakeTheInstanceDown() {
        assertThat(this.indicator.health(connections(1, 0)).getStatus()).isEqualTo(Status.UP);
        assertThat(this.indicator.health(connections(9, 0)).getStatus()).isEqualTo(Status.UP);
        assertThat(this.indicator.health(connections(4, 6)).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void halfOfAtLeastTenConnectionsSaturatedIsDown() {
        Health health = this.indicator.health(connections(5, 5));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("saturatedConnections", 5).containsEntry("queueSaturation", 0.9);
    }
}
