package dev.wspair;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** close(): codes, reasons, validation, the close handshake and half-open mode (semantics §3). */
class CloseTest {

    private static final String SEND_AFTER_CLOSE = "Can't call WebSocket send() after close().";

    private static final String REASON_TOO_LONG = "WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded.";

    private WebSocket a;

    private WebSocket b;

    private Recorder aEvents;

    private Recorder bEvents;

    @BeforeEach
    void pair() {
        WebSocketPair pair = new WebSocketPair();
        this.a = pair.client();
        this.b = pair.server();
        this.aEvents = Recorder.of(this.a);
        this.bEvents = Recorder.of(this.b);
    }

    private void acceptBoth() {
        this.a.accept();
        this.b.accept();
    }

    @Test
    void closeWithoutCodeIsSeenByThePeerAs1005WithEmptyReason() throws InterruptedException {
        acceptBoth();

        this.a.close();

        assertThat(this.bEvents.nextClose()).isEqualTo(new CloseEvent(1005, "", true));
        assertThat(this.aEvents.nextClose()).as("the echo of an empty Close").isEqualTo(new CloseEvent(1005, "", true));
    }

    @Test
    void closeWithCodeOnlySendsAnEmptyReason() throws InterruptedException {
        acceptBoth();

        this.a.close(1000);

        assertThat(this.bEvents.nextClose()).isEqualTo(new CloseEvent(1000, "", true));
    }

    @ParameterizedTest
    @ValueSource(ints = { 999, 1004, 1005, 1006, 1015, 5000, 0, -1 })
    void invalidCloseCodesAreRejected(int code) {
        acceptBoth();

        assertThatThrownBy(() -> this.a.close(code, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid WebSocket close code: " + code + ".");
        assertThatThrownBy(() -> this.a.close(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid WebSocket close code: " + code + ".");
        assertThat(this.a.readyState()).as("a rejected close changes nothing").isEqualTo(1);
    }

    @Test
    void closeCode999HasWorkersExactMessage() {
        acceptBoth();

        assertThatThrownBy(() -> this.a.close(999, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid WebSocket close code: 999.");
    }

    @ParameterizedTest
    @ValueSource(ints = { 1000, 3000, 4999 })
    void validCloseCodesReachThePeer(int code) throws InterruptedException {
        acceptBoth();

        this.a.close(code, "reason");

        assertThat(this.bEvents.nextClose()).isEqualTo(new CloseEvent(code, "reason", true));
    }

    @Test
    void reasonOfExactly123AsciiBytesIsAccepted() throws InterruptedException {
        acceptBoth();
        String reason = "r".repeat(123);

        this.a.close(1000, reason);

        assertThat(this.bEvents.nextClose().reason()).isEqualTo(reason);
    }

    @Test
    void reasonOf124AsciiBytesIsRejected() {
        acceptBoth();

        assertThatThrownBy(() -> this.a.close(1000, "r".repeat(124)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REASON_TOO_LONG);
        assertThat(this.a.readyState()).isEqualTo(1);
    }

    @Test
    void reasonOf62TwoByteCharactersIsRejectedBecauseItIs124Utf8Bytes() {
        acceptBoth();

        assertThatThrownBy(() -> this.a.close(1000, "é".repeat(62)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REASON_TOO_LONG);
    }

    @Test
    void reasonOf41ThreeByteCharactersIsAccepted() throws InterruptedException {
        acceptBoth();
        String reason = "€".repeat(41);

        this.a.close(1000, reason);

        assertThat(this.bEvents.nextClose().reason()).isEqualTo(reason);
    }

    @Test
    void invalidCodeIsReportedBeforeTheMissingAccept() {
        assertThatThrownBy(() -> this.a.close(999, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid WebSocket close code: 999.");
    }

    @Test
    void tooLongReasonIsReportedBeforeTheMissingAccept() {
        assertThatThrownBy(() -> this.a.close(1000, "r".repeat(124)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REASON_TOO_LONG);
    }

    @Test
    void closeEventReportsTheTypeName() throws InterruptedException {
        acceptBoth();

        this.a.close(1000, "bye");

        assertThat(this.bEvents.nextClose().type()).isEqualTo("close");
    }

    @Test
    void peerClosingIsAnsweredWithTheSameCodeAndReasonBeforeTheCloseListenerRuns() throws InterruptedException {
        BlockingQueue<Integer> stateInListener = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> sendInListener = new AtomicReference<>();
        AtomicReference<Throwable> closeInListener = new AtomicReference<>();
        this.b.addEventListener(EventType.CLOSE, event -> {
            int state = this.b.readyState();
            try {
                this.b.send("too late");
            }
            catch (RuntimeException ex) {
                sendInListener.set(ex);
            }
            try {
                this.b.close(1000, "again");
                this.b.close();
            }
            catch (RuntimeException ex) {
                closeInListener.set(ex);
            }
            stateInListener.add(state);
        });
        acceptBoth();

        this.a.close(4000, "bye");

        assertThat(this.bEvents.nextClose()).isEqualTo(new CloseEvent(4000, "bye", true));
        assertThat(stateInListener.poll(5, TimeUnit.SECONDS)).as("readyState in B's close listener").isEqualTo(3);
        assertThat(sendInListener.get()).isInstanceOf(IllegalStateException.class).hasMessage(SEND_AFTER_CLOSE);
        assertThat(closeInListener.get()).as("close() in the listener is a silent no-op").isNull();
        assertThat(this.aEvents.nextClose()).as("A receives the echo").isEqualTo(new CloseEvent(4000, "bye", true));
        assertThat(this.a.readyState()).isEqualTo(3);
        assertThat(this.b.readyState()).isEqualTo(3);
    }

    @Test
    void readyStateIsClosingAfterOwnCloseUntilThePeerAnswers() throws InterruptedException {
        this.a.accept();
        this.b.accept(true);

        this.a.close(1000, "bye");

        assertThat(this.a.readyState()).isEqualTo(2);
        assertThat(this.bEvents.nextClose()).isEqualTo(new CloseEvent(1000, "bye", true));
        assertThat(this.a.readyState()).isEqualTo(2);
        this.b.close(1000, "ok");
        assertThat(this.aEvents.nextClose()).isEqualTo(new CloseEvent(1000, "ok", true));
        assertThat(this.a.readyState()).isEqualTo(3);
    }

    @Test
    void halfOpenEndIsClosingInItsCloseListenerAndNoEchoIsSent() throws InterruptedException {
        BlockingQueue<Integer> stateInListener = new LinkedBlockingQueue<>();
        this.b.addEventListener(EventType.CLOSE, event -> stateInListener.add(this.b.readyState()));
        this.a.accept();
        this.b.accept(true);

        this.a.close(4000, "bye");

        assertThat(this.bEvents.nextClose()).isEqualTo(new CloseEvent(4000, "bye", true));
        assertThat(stateInListener.poll(5, TimeUnit.SECONDS)).as("readyState in B's close listener").isEqualTo(2);
        assertThat(this.b.readyState()).isEqualTo(2);
        assertThatNoException().as("send after the peer's Close in half-open mode").isThrownBy(() -> this.b.send("after your close"));
        assertThat(this.aEvents.nextText()).as("reaches A before any Close, so no echo was sent").isEqualTo("after your close");
        assertThat(this.a.readyState()).isEqualTo(2);
        assertThat(this.aEvents.pending()).isEmpty();

        this.b.close(4001, "now");

        assertThat(this.aEvents.nextClose()).isEqualTo(new CloseEvent(4001, "now", true));
        assertThat(this.a.readyState()).isEqualTo(3);
        assertThat(this.b.readyState()).isEqualTo(3);
    }

    @Test
    void sendAfterOwnCloseThrows() {
        acceptBoth();
        this.a.close(1000, "bye");

        assertThatThrownBy(() -> this.a.send("late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(SEND_AFTER_CLOSE);
        assertThatThrownBy(() -> this.a.send(new byte[] { 1 }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(SEND_AFTER_CLOSE);
    }

    @Test
    void sendAfterOwnCloseWithoutCodeThrows() {
        acceptBoth();
        this.a.close();

        assertThatThrownBy(() -> this.a.send("late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(SEND_AFTER_CLOSE);
    }

    @Test
    void secondCloseIsASilentNoOpAndThePeerSeesTheFirst() throws InterruptedException {
        this.a.accept();
        this.b.accept(true);

        this.a.close(4000, "first");
        assertThatNoException().isThrownBy(() -> this.a.close(4001, "second"));
        assertThatNoException().isThrownBy(this.a::close);

        assertThat(this.bEvents.nextClose()).isEqualTo(new CloseEvent(4000, "first", true));
        assertThat(this.a.readyState()).isEqualTo(2);
    }

    @Test
    void invalidArgumentsAreStillRejectedAfterClose() {
        acceptBoth();
        this.a.close(1000, "bye");

        assertThatThrownBy(() -> this.a.close(1005, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid WebSocket close code: 1005.");
    }

    @Test
    void closeAfterBothSidesClosedIsANoOp() {
        acceptBoth();
        this.a.close(1000, "bye");
        await().atMost(Duration.ofSeconds(5)).until(() -> this.a.readyState() == 3 && this.b.readyState() == 3);

        assertThatNoException().isThrownBy(() -> this.b.close(1000, "again"));
        assertThatNoException().isThrownBy(this.a::close);
        assertThat(this.a.readyState()).isEqualTo(3);
    }
}
