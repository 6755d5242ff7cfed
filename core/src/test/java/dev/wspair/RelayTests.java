package dev.wspair;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both ends of a pair coupled to connections (a proxy), without a network: frames pass through
 * unchanged and abnormal endings reach the other connection.
 */
class RelayTests {

    private static final Executor INLINE = Runnable::run;

    private final WebSocketPair pair = new WebSocketPair();

    private final Coupling upstream = Coupling.claim(this.pair.server());

    private final Coupling downstream = Coupling.claim(this.pair.client());

    private final RecordingTransport toUpstream = new RecordingTransport();

    private final RecordingTransport toDownstream = new RecordingTransport();

    private void attachBoth() {
        this.upstream.attach(this.toUpstream, INLINE, () -> true, "upstream");
        this.downstream.attach(this.toDownstream, INLINE, () -> true, "downstream");
    }

    @Test
    void framesAndClosesPassThroughUnchangedInBothDirections() {
        attachBoth();
        this.upstream.text("t");
        this.upstream.binary(new byte[] { 1, 2 });
        this.downstream.text("u");
        this.downstream.closed(4001, "bye");
        this.upstream.closed(4001, "bye");

        assertThat(this.toDownstream.frames()).containsExactly("text:t", "binary:0102", "close:4001:bye");
        assertThat(this.toUpstream.frames()).containsExactly("text:u", "close:4001:bye");
    }

    @Test
    void framesReadBeforeTheOtherSideIsCoupledAreForwardedInOrderOnCoupling() {
        this.upstream.attach(this.toUpstream, INLINE, () -> true, "upstream");
        this.upstream.text("early");
        this.upstream.lost();
        assertThat(this.toDownstream.frames()).isEmpty();

        this.downstream.attach(this.toDownstream, INLINE, () -> true, "downstream");
        assertThat(this.toDownstream.frames()).containsExactly("text:early", "abort");
    }

    @Test
    void lostAndFailedConnectionsAbortTheOtherAndOversizedMessagesClose1009() {
        attachBoth();
        this.downstream.lost();
        this.upstream.failed(new IllegalStateException("boom"));
        this.downstream.tooLarge(2048, 1024);

        assertThat(this.toUpstream.frames()).containsExactly("abort", "close:1009:Message is too large: 2048 > 1024");
        assertThat(this.toDownstream.frames()).containsExactly("abort");
    }

    @Test
    void theTwoTransportsAreIntroducedOnceBothAreCoupledAndReadingStartsThen() {
        List<String> ready = new ArrayList<>();
        this.upstream.whenPeerReady(() -> ready.add("upstream reads"));
        this.downstream.whenPeerReady(() -> ready.add("downstream reads"));
        this.upstream.attach(this.toUpstream, INLINE, () -> true, "upstream");
        assertThat(ready).containsExactly("downstream reads");
        assertThat(this.toUpstream.relay()).isNull();

        this.downstream.attach(this.toDownstream, INLINE, () -> true, "downstream");
        assertThat(ready).containsExactly("downstream reads", "upstream reads");
        assertThat(this.toUpstream.relay()).isSameAs(this.toDownstream);
        assertThat(this.toDownstream.relay()).isSameAs(this.toUpstream);
    }
}
