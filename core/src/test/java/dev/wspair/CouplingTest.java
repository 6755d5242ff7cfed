package dev.wspair;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Returning an end in a response, through the {@link Coupling} SPI that bridges use (semantics
 * §1.6, §2.3, §2.4). The transport is an in-memory recording stand-in for the network, and its
 * "event loop" runs tasks inline, so the accepted end's listeners run inside the calling method.
 */
class CouplingTest {

    private WebSocketPair pair;

    private WebSocket client;

    private WebSocket server;

    private final RecordingTransport transport = new RecordingTransport();

    @BeforeEach
    void pair() {
        this.pair = new WebSocketPair();
        this.client = this.pair.client();
        this.server = this.pair.server();
    }

    private Coupling coupled() {
        Coupling coupling = Coupling.claim(this.client);
        this.server.accept();
        coupling.attach(this.transport, Runnable::run, () -> true, "/ws");
        return coupling;
    }

    // --- returned-end rules

    @Test
    void claimingAnAcceptedEndThrows() {
        this.client.accept();

        assertThatThrownBy(() -> Coupling.claim(this.client))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Can't return WebSocket in a Response after calling accept().");
    }

    @Test
    void claimingAnEndTwiceThrows() {
        Coupling.claim(this.client);

        assertThatThrownBy(() -> Coupling.claim(this.client))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Can't return WebSocket that was already used in a response.");
    }

    @Test
    void acceptingAClaimedEndThrows() {
        Coupling.claim(this.client);

        assertThatThrownBy(this.client::accept)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Can't accept() WebSocket that was already used in a response.");
        assertThatThrownBy(() -> this.client.accept(true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Can't accept() WebSocket that was already used in a response.");
    }

    @Test
    void closingAClaimedEndIsASilentNoOpAndItStaysOpen() {
        Coupling.claim(this.client);

        assertThatNoException().isThrownBy(this.client::close);
        assertThatNoException().isThrownBy(() -> this.client.close(1000, "bye"));
        assertThat(this.client.readyState()).isEqualTo(1);
    }

    @Test
    void closingACoupledEndSendsNothingToTheTransport() {
        coupled();

        this.client.close(1000, "bye");

        assertThat(this.transport.frames()).isEmpty();
        assertThat(this.client.readyState()).isEqualTo(1);
    }

    @Test
    void returnedEndStaysOpenAndSilentAfterTheConnectionCloses() throws InterruptedException {
        Recorder clientEvents = Recorder.of(this.client);
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();

        coupling.text("hello");
        coupling.closed(1000, "bye");

        assertThat(serverEvents.nextText()).isEqualTo("hello");
        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(1000, "bye", true));
        assertThat(this.client.readyState()).isEqualTo(1);
        assertThat(clientEvents.pending()).as("listeners of the returned end never fire").isEmpty();
    }

    @Test
    void claimingTheAcceptedServerEndThrowsToo() {
        this.server.accept();

        assertThatThrownBy(() -> Coupling.claim(this.server))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Can't return WebSocket in a Response after calling accept().");
    }

    // --- frames between the accepted end and the transport

    @Test
    void framesSentBeforeAttachLeaveFirstThenLaterFramesInOrderThenTheClose() {
        Coupling coupling = Coupling.claim(this.client);
        this.server.accept();
        this.server.send("early");
        this.server.send(new byte[] { 1, 2 });

        coupling.attach(this.transport, Runnable::run, () -> true, "/ws");

        assertThat(this.transport.frames()).containsExactly("text:early", "binary:0102");
        this.server.send("later");
        this.server.send(new byte[] { (byte) 0xff });
        this.server.close(1000, "done");
        assertThat(this.transport.frames()).containsExactly("text:early", "binary:0102", "text:later", "binary:ff", "close:1000:done");
        assertThat(this.server.readyState()).isEqualTo(2);
    }

    @Test
    void closeSentBeforeAttachIsForwardedAfterTheQueuedFrames() {
        Coupling coupling = Coupling.claim(this.client);
        this.server.accept();
        this.server.send("early");
        this.server.close(4000, "bye");

        coupling.attach(this.transport, Runnable::run, () -> true, "/ws");

        assertThat(this.transport.frames()).containsExactly("text:early", "close:4000:bye");
    }

    @Test
    void closeWithoutCodeIsForwardedAsNoStatus() {
        coupled();

        this.server.close();

        assertThat(this.transport.frames()).containsExactly("close:1005:");
    }

    @Test
    void textAndBinaryFromTheNetworkReachTheAcceptedEnd() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();

        coupling.text("hi");
        coupling.binary(new byte[] { 5, 6 });

        assertThat(serverEvents.nextText()).isEqualTo("hi");
        assertThat(serverEvents.nextMessage().bytes()).containsExactly(5, 6);
    }

    @Test
    void clientCloseIsReportedCleanAndEchoedToTheTransport() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();

        coupling.closed(4001, "x");

        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(4001, "x", true));
        assertThat(this.transport.frames()).containsExactly("close:4001:x");
        assertThat(this.server.readyState()).isEqualTo(3);
        assertThatThrownBy(() -> this.server.send("late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Can't call WebSocket send() after close().");
    }

    @Test
    void emptyClientCloseIsReportedAs1005AndEchoedEmpty() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();

        coupling.closed(1005, "ignored");

        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(1005, "", true));
        assertThat(this.transport.frames()).hasSize(1).first().asString().startsWith("close:1005:");
    }

    @Test
    void clientCloseAfterOurCloseIsNotEchoed() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();
        this.server.close(1000, "ours");

        coupling.closed(1000, "theirs");

        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(1000, "theirs", true));
        assertThat(this.transport.frames()).containsExactly("close:1000:ours");
        assertThat(this.server.readyState()).isEqualTo(3);
    }

    @Test
    void halfOpenEndDoesNotEchoTheClientCloseAndMayStillSend() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = Coupling.claim(this.client);
        this.server.accept(true);
        coupling.attach(this.transport, Runnable::run, () -> true, "/ws");

        coupling.closed(4000, "bye");

        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(4000, "bye", true));
        assertThat(this.server.readyState()).isEqualTo(2);
        assertThat(this.transport.frames()).isEmpty();
        this.server.send("more");
        this.server.close(4000, "bye");
        assertThat(this.transport.frames()).containsExactly("text:more", "close:4000:bye");
        assertThat(this.server.readyState()).isEqualTo(3);
    }

    @Test
    void lostConnectionIsReportedAs1006NotCleanAndLaterSendsAreDropped() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();

        coupling.lost();

        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(1006, "WebSocket disconnected without sending Close frame.", false));
        assertThat(this.server.readyState()).isEqualTo(3);
        assertThatNoException().isThrownBy(() -> this.server.send("dropped"));
        assertThatNoException().isThrownBy(() -> this.server.close(1000, "dropped"));
        assertThat(this.transport.frames()).isEmpty();
    }

    @Test
    void failedHandshakeIsReportedAs1006WithItsOwnReason() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();

        coupling.handshakeFailed();

        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(1006, "Failed to establish websocket connection", false));
        assertThat(this.server.readyState()).isEqualTo(3);
    }

    @Test
    void closeIsReportedOnlyOnce() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();

        coupling.closed(1000, "first");
        coupling.lost();
        coupling.closed(1001, "second");

        assertThat(serverEvents.nextClose()).isEqualTo(new CloseEvent(1000, "first", true));
        assertThat(serverEvents.pending()).isEmpty();
    }

    @Test
    void oversizedInboundMessageIsAnErrorAndClosesTheConnectionWith1009() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();

        coupling.tooLarge(2048, 1024);

        ErrorEvent error = serverEvents.nextError();
        assertThat(error.message()).isEqualTo("Message is too large: 2048 > 1024");
        assertThat(error.error()).isInstanceOf(MessageTooLargeException.class).hasMessage("Message is too large: 2048 > 1024");
        assertThat(this.transport.frames()).containsExactly("close:1009:Message is too large: 2048 > 1024");
        assertThat(this.server.readyState()).isEqualTo(3);
    }

    @Test
    void onlyTheFirstErrorIsDispatchedAndNothingFollowsIt() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();

        coupling.tooLarge(2048, 1024);
        coupling.tooLarge(4096, 1024);
        coupling.failed(new IOException("later"));
        coupling.text("after the error");
        coupling.closed(1000, "after the error");

        assertThat(serverEvents.nextError().message()).isEqualTo("Message is too large: 2048 > 1024");
        assertThat(serverEvents.pending()).isEmpty();
        assertThat(this.transport.frames()).containsExactly("close:1009:Message is too large: 2048 > 1024");
    }

    @Test
    void transportFailureIsAnErrorEventCarryingTheCause() throws InterruptedException {
        Recorder serverEvents = Recorder.of(this.server);
        Coupling coupling = coupled();
        IOException cause = new IOException("connection reset");

        coupling.failed(cause);

        ErrorEvent error = serverEvents.nextError();
        assertThat(error.message()).isEqualTo("connection reset");
        assertThat(error.error()).isSameAs(cause);
        assertThat(this.server.readyState()).isEqualTo(3);
        assertThatNoException().isThrownBy(() -> this.server.send("dropped"));
        assertThat(this.transport.frames()).isEmpty();
    }

    @Test
    void listenersOfTheAcceptedEndRunOnTheConnectionsEventLoop() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "fake-event-loop"));
        try {
            Thread loopThread = loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
            BlockingQueue<String> threads = new LinkedBlockingQueue<>();
            this.server.addEventListener(EventType.MESSAGE, event -> threads.add(Thread.currentThread().getName()));
            Coupling coupling = Coupling.claim(this.client);
            this.server.accept();
            coupling.attach(this.transport, loop, () -> Thread.currentThread() == loopThread, "/ws");

            coupling.text("from the test thread");
            loop.execute(() -> coupling.text("from the loop"));

            assertThat(threads.poll(5, TimeUnit.SECONDS)).isEqualTo("fake-event-loop");
            assertThat(threads.poll(5, TimeUnit.SECONDS)).isEqualTo("fake-event-loop");
        }
        finally {
            loop.shutdownNow();
        }
    }

    @Test
    void socketIdOfTheCouplingIsTheReturnedEnds() {
        Coupling coupling = Coupling.claim(this.client);

        assertThat(coupling.socketId()).isEqualTo(this.client.id());
        assertThat(coupling.socketId()).isNotEqualTo(this.server.id());
    }
}
