package dev.wspair;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The connecting state of a {@code new WebSocket(url)} socket and the rules Workers applies to it,
 * without a network: the upstream side is a recording {@link Transport}.
 */
class ClientHandshakeTests {

    private static final Executor INLINE = Runnable::run;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private final AtomicInteger cancelled = new AtomicInteger();

    private final ClientHandshake handshake = ClientHandshake.begin("wss://example.com/chat", this.cancelled::incrementAndGet);

    private final WebSocket socket = this.handshake.socket();

    ClientHandshakeTests() {
        this.socket.addEventListener(EventType.OPEN, this.events::add);
        this.socket.addEventListener(EventType.MESSAGE, this.events::add);
        this.socket.addEventListener(EventType.ERROR, this.events::add);
        this.socket.addEventListener(EventType.CLOSE, this.events::add);
    }

    private Event nextEvent() throws InterruptedException {
        Event event = this.events.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("an event within 5 s").isNotNull();
        return event;
    }

    @Test
    void isConnectingWithTheUrlAndEmptyProtocolUntilTheHandshakeEnds() {
        assertThat(this.socket.readyState()).isEqualTo(WebSocket.READY_STATE_CONNECTING);
        assertThat(this.socket.url()).isEqualTo("wss://example.com/chat");
        assertThat(this.socket.protocol()).isEmpty();
        assertThat(this.socket.extensions()).isEmpty();
    }

    @Test
    void acceptWhileConnectingThrowsWorkersText() {
        assertThatIllegalStateException().isThrownBy(this.socket::accept)
            .withMessage("Websockets obtained from the 'new WebSocket()' constructor cannot call accept");
    }

    @Test
    void sendWhileConnectingThrowsTheMustAcceptText() {
        assertThatIllegalStateException().isThrownBy(() -> this.socket.send("early"))
            .withMessage("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.");
    }

    @Test
    void cannotBeReturnedInAResponseWhileConnecting() {
        assertThatIllegalStateException().isThrownBy(() -> Coupling.claim(this.socket))
            .withMessage("Can't return WebSocket in a Response if it was created with `new WebSocket()`");
    }

    @Test
    void openedSocketIsAcceptedFiresOpenAndTalksToTheUpstream() throws Exception {
        RecordingTransport upstream = new RecordingTransport();
        this.handshake.coupling().attach(upstream, INLINE, () -> true, "wss://example.com/chat");
        assertThat(this.handshake.opened("chat", null)).isTrue();

        assertThat(nextEvent()).isInstanceOf(OpenEvent.class);
        assertThat(this.socket.readyState()).isEqualTo(WebSocket.READY_STATE_OPEN);
        assertThat(this.socket.protocol()).isEqualTo("chat");
        assertThat(this.socket.extensions()).isNull();
        this.socket.accept();
        this.socket.send("hi");
        this.handshake.coupling().text("from upstream");
        assertThat(((MessageEvent) nextEvent()).text()).isEqualTo("from upstream");
        assertThat(upstream.frames()).containsExactly("text:hi");
    }

    @Test
    void openedSocketCannotBeReturnedBecauseItWasAccepted() {
        this.handshake.coupling().attach(new RecordingTransport(), INLINE, () -> true, "route");
        this.handshake.opened(null, null);
        assertThatIllegalStateException().isThrownBy(() -> Coupling.claim(this.socket))
            .withMessage("Can't return WebSocket in a Response after calling accept().");
    }

    @Test
    void failedHandshakeGivesAnErrorEventThenAnUncleanClose1006() throws Exception {
        IllegalStateException cause = new IllegalStateException("refused");
        this.handshake.failed(cause);

        ErrorEvent error = (ErrorEvent) nextEvent();
        assertThat(error.error()).isSameAs(cause);
        assertThat(error.message()).isEqualTo("refused");
        assertThat(nextEvent()).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
        assertThat(this.socket.readyState()).isEqualTo(WebSocket.READY_STATE_CLOSED);
        assertThat(this.handshake.opened(null, null)).as("a late 101 is refused").isFalse();
    }

    @Test
    void closeWhileConnectingCancelsTheHandshakeWhateverTheArguments() throws Exception {
        this.socket.close(999, "not even a valid code");
        this.socket.close();

        assertThat(this.cancelled).hasValue(1);
        ErrorEvent error = (ErrorEvent) nextEvent();
        assertThat(error.error()).isInstanceOf(CancellationException.class);
        assertThat(error.message()).isEqualTo("Called close before connection was established.");
        assertThat(nextEvent()).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
        assertThat(this.socket.readyState()).isEqualTo(WebSocket.READY_STATE_CLOSED);
        assertThat(this.handshake.opened(null, null)).isFalse();
        assertThat(this.events).isEmpty();
    }

    @Test
    void upstreamReadingWaitsUntilTheSocketOpens() {
        List<String> order = new ArrayList<>();
        this.handshake.coupling().whenPeerReady(() -> order.add("read"));
        this.handshake.coupling().attach(new RecordingTransport(), INLINE, () -> true, "route");
        assertThat(order).isEmpty();
        this.handshake.opened(null, null);
        assertThat(order).containsExactly("read");
    }
}
