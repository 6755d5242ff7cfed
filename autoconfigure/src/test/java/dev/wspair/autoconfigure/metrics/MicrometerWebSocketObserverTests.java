package dev.wspair.autoconfigure.metrics;

import dev.wspair.webflux.ConnectionObservation;
import dev.wspair.webflux.WebSocketConnections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MicrometerWebSocketObserver} without a server: route cap, close-code tags and usage. */
@ExtendWith(OutputCaptureExtension.class)
class MicrometerWebSocketObserverTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final MicrometerWebSocketObserver observer = new MicrometerWebSocketObserver(this.registry,
            new WebSocketConnections(), 2);

    @Test
    void routesBeyondTheCapAreNotMeteredAndAWarningIsLoggedOnce(CapturedOutput output) {
        assertThat(this.observer.opened("/a")).isNotSameAs(ConnectionObservation.NONE);
        assertThat(this.observer.opened("/b")).isNotSameAs(ConnectionObservation.NONE);
        assertThat(this.observer.opened("/a")).isNotSameAs(ConnectionObservation.NONE);
        assertThat(this.observer.opened("/c")).isSameAs(ConnectionObservation.NONE);
        assertThat(this.observer.opened("/d")).isSameAs(ConnectionObservation.NONE);
        assertThat(this.registry.find(WspairMeters.CONNECTIONS_OPENED).functionCounters()).hasSize(2);
        assertThat(this.registry.get(WspairMeters.CONNECTIONS_OPENED).tag(WspairMeters.ROUTE, "/a").functionCounter().count())
            .isEqualTo(2);
        assertThat(this.observer.usage()).containsOnlyKeys("/a", "/b");
        assertThat(output).containsOnlyOnce("Reached wspair.metrics.max-route-tags (2): connections on route /c");
    }

    @Test
    void closeCodesAreTaggedWithoutLettingClientsCreateASeriesPerCode() {
        assertThat(RouteMeters.codeTag(1000)).isEqualTo("1000");
        assertThat(RouteMeters.codeTag(1006)).isEqualTo("1006");
        assertThat(RouteMeters.codeTag(1015)).isEqualTo("1015");
        assertThat(RouteMeters.codeTag(3001)).isEqualTo("3xxx");
        assertThat(RouteMeters.codeTag(4321)).isEqualTo("4xxx");
        assertThat(RouteMeters.codeTag(2000)).isEqualTo("other");
        assertThat(RouteMeters.codeTag(1016)).isEqualTo("other");
    }

    @Test
    void usageAddsUpTrafficListenerTimeAndClosedConnectionTime() {
        ConnectionObservation first = this.observer.opened("/a");
        ConnectionObservation second = this.observer.opened("/a");
        first.received(true, 5);
        first.received(false, 7);
        second.sent(true, 3);
        first.dispatched("message", 2_000_000_000L, 0);
        second.dispatched("close", 500_000_000L, 1);
        first.closed(1000);
        RouteUsage usage = this.observer.usage().get("/a");
        assertThat(usage.connections()).isEqualTo(2);
        assertThat(usage.messagesIn()).isEqualTo(2);
        assertThat(usage.messagesOut()).isEqualTo(1);
        assertThat(usage.listenerSeconds()).isEqualTo(2.5);
        assertThat(usage.connectionSeconds()).isPositive();
        assertThat(this.registry.get(WspairMeters.LISTENER_ERRORS).tags(WspairMeters.ROUTE, "/a", WspairMeters.EVENT, "close")
            .counter().count()).isEqualTo(1);
        assertThat(this.registry.get(WspairMeters.CONNECTIONS_ACTIVE).tag(WspairMeters.ROUTE, "/a").gauge().value()).isEqualTo(1);
        assertThat(this.registry.get(WspairMeters.MESSAGE_BYTES)
            .tags(WspairMeters.ROUTE, "/a", WspairMeters.DIRECTION, "in", WspairMeters.TYPE, "binary")
            .functionCounter().count()).isEqualTo(7);
    }
}
