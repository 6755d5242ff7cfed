package dev.wspair;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of a {@link WebSocketPair}, with the API and the rules of a Cloudflare Workers
 * {@code WebSocket}.
 *
 * <p>An end is either {@linkplain #accept() accepted}, to be driven from this process with
 * {@link #send(String)}, {@link #close(int, String)} and event listeners, or returned to the client
 * in a {@code 101} response ({@code WebSocketResponse.of(client)}), which couples it to the network
 * connection. As in Workers:
 * <ul>
 * <li>frames sent before the other end accepts are queued and delivered in order once it does;</li>
 * <li>{@code send}/{@code close} before {@code accept} throw, accepting twice is a no-op, and an end
 * cannot be both accepted and returned;</li>
 * <li>{@code close()} without a code sends an empty Close frame (the peer sees 1005);</li>
 * <li>a received Close is answered with the same code and reason before the close listeners run
 * (readyState 3 there) unless the end was accepted with {@code allowHalfOpen};</li>
 * <li>a lost connection is reported as close 1006 with {@code wasClean == false}.</li>
 * </ul>
 * Every end carries an optional attachment ({@link #serializeAttachment}), which Workers offers
 * on every WebSocket and which survives a Durable Object's hibernation.
 * A socket opened with a client's {@code connect(url, protocols)} (Workers' {@code new WebSocket(url)})
 * starts {@linkplain #READY_STATE_CONNECTING connecting}, fires an {@code open} event and is
 * accepted automatically once the handshake succeeds, and cannot be returned in a response.
 * Events of one end are dispatched serially, in arrival order, never concurrently. Listeners of an
 * end coupled to a connection run on that connection's event loop and must not block.
 *
 * <p>Frames queued before {@code accept()} are dispatched as soon as it is called. Java has no end
 * of a Worker's synchronous turn to wait for, so when both ends live in this process (a test, for
 * example) and the peer may already have sent, add the listeners before calling {@code accept()}.
 * An end whose peer was returned to a client is not affected: its frames arrive only after the
 * {@code 101} response. A client socket ({@code connect(url)}) has no {@code accept()} to wait
 * for, and its handshake may end even before {@code connect()} returns: until a type has its
 * first listener, the socket keeps that type's events for it, so listeners added right after
 * {@code connect()} hear {@code open}, the first messages, or the error and close of a failed
 * handshake, once each and in order.
 *
 * <p>State errors are {@link IllegalStateException}s (Workers' {@code TypeError}); invalid close
 * arguments are {@link IllegalArgumentException}s (Workers' {@code InvalidAccessError} and
 * {@code SyntaxError}). The messages are Workers' texts.
 */
public final class WebSocket {

    /** readyState 0: a client socket is still connecting. */
    public static final int READY_STATE_CONNECTING = 0;

    /** readyState 1: open (also a pair end before {@code accept()} and an end returned in a response). */
    public static final int READY_STATE_OPEN = 1;

    /** readyState 2: one side has sent its Close frame. */
    public static final int READY_STATE_CLOSING = 2;

    /** readyState 3: both Close frames were seen, the connection was lost, or the socket failed. */
    public static final int READY_STATE_CLOSED = 3;

    static final String MUST_ACCEPT = "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.";

    static final String SEND_AFTER_CLOSE = "Can't call WebSocket send() after close().";

    static final String ACCEPT_AFTER_RETURN = "Can't accept() WebSocket that was already used in a response.";

    static final String RETURN_AFTER_ACCEPT = "Can't return WebSocket in a Response after calling accept().";

    static final String RETURNED_TWICE = "Can't return WebSocket that was already used in a response.";

    static final String HANDSHAKE_FAILED = "Failed to establish websocket connection";

    static final String ACCEPT_AFTER_HIBERNATION = "Can't accept() WebSocket after enabling hibernation.";

    static final String ACCEPT_WHILE_CONNECTING = "Websockets obtained from the 'new WebSocket()' constructor cannot call accept";

    static final String RETURN_CONSTRUCTED = "Can't return WebSocket in a Response if it was created with `new WebSocket()`";

    static final String CLOSED_WHILE_CONNECTING = "Called close before connection was established.";

    static final String RETURN_AFTER_ACCEPT_WEBSOCKET = "Can't return WebSocket in a Response after calling acceptWebSocket().";

    /** Workers' limit on the serialized size of an attachment. */
    public static final int MAX_ATTACHMENT_SIZE = 16_384;

    private static final Logger logger = LoggerFactory.getLogger(WebSocket.class);

    private static final AtomicLong ids = new AtomicLong();

    private enum State {
        CONNECTING, AWAITING, ACCEPTED, RETURNED
    }

    private final long id = ids.incrementAndGet();

    private volatile long maxMessageSize;

    private final Object lock = new Object();

    private final Lane lane = new Lane();

    private final Listeners listeners;

    private @Nullable WebSocket peer;

    // Written under the lock. The fields that the message path reads are volatile so that it can
    // read them without taking the lock: they only ever move one way (ACCEPTED and RETURNED are
    // final states, the flags only turn true, the queue only goes away), so one read is as good as
    // a read under the lock.

    private volatile State state = State.AWAITING;

    private boolean allowHalfOpen;

    private volatile boolean closedOutgoing;

    private volatile boolean closedIncoming;

    private boolean outgoingAborted;

    private volatile boolean failed;

    private volatile @Nullable ArrayDeque<Frame> queued = new ArrayDeque<>();

    private @Nullable Transport transport;

    private volatile String route = "local";

    private @Nullable List<Runnable> whenReady = new ArrayList<>();

    private final @Nullable String url;

    private final @Nullable Runnable cancelConnecting;

    private @Nullable String protocol = "";

    private @Nullable String extensions = "";

    private volatile Hibernation.@Nullable Handler hibernation;

    private volatile AttachmentCodec attachmentCodec = AttachmentCodec.standard();

    private volatile byte @Nullable [] attachment;

    private volatile @Nullable Instant lastAutoResponse;

    private volatile DispatchObserver observer = DispatchObserver.NONE;

    WebSocket(long maxMessageSize) {
        this(maxMessageSize, null, null);
    }

    /** A socket of {@code new WebSocket(url)}: connecting until {@link #opened} or {@link #connectFailed}. */
    WebSocket(long maxMessageSize, @Nullable String url, @Nullable Runnable cancelConnecting) {
        this.maxMessageSize = maxMessageSize;
        this.url = url;
        this.cancelConnecting = cancelConnecting;
        this.listeners = new Listeners((url != null) ? new UnheardEvents() : null);
        if (url != null) {
            this.state = State.CONNECTING;
        }
    }

    void pairWith(WebSocket peer) {
        this.peer = peer;
    }

    /**
     * Accepts this end so that this process can send, close and receive events, with
     * {@code allowHalfOpen} off. Calling it again is a no-op, and so is calling it on a client
     * socket that has opened.
     * @throws IllegalStateException if the end was already returned in a response, or
     * {@code "Websockets obtained from the 'new WebSocket()' constructor cannot call accept"} while
     * a client socket is connecting
     */
    public void accept() {
        accept(false);
    }

    /**
     * Accepts this end. With {@code allowHalfOpen}, a received Close is not answered
     * automatically: readyState is 2 in the close listener and the application calls
     * {@link #close(int, String)} itself. Calling accept again is a no-op and keeps the first option.
     * @param allowHalfOpen whether to leave answering a received Close to the application
     * @throws IllegalStateException if the end was already returned in a response, accepted by
     * a Durable Object ({@code state.acceptWebSocket}), or is a client socket still connecting
     */
    public void accept(boolean allowHalfOpen) {
        boolean start;
        List<Runnable> ready;
        synchronized (this.lock) {
            if (this.state == State.CONNECTING) {
                throw new IllegalStateException(ACCEPT_WHILE_CONNECTING);
            }
            if (this.state == State.RETURNED) {
                throw new IllegalStateException(ACCEPT_AFTER_RETURN);
            }
            if (this.hibernation != null) {
                throw new IllegalStateException(ACCEPT_AFTER_HIBERNATION);
            }
            if (this.state == State.ACCEPTED) {
                return;
            }
            this.state = State.ACCEPTED;
            this.allowHalfOpen = allowHalfOpen;
            start = enqueueBacklog();
            ready = takeReadyActions();
        }
        if (start) {
            this.lane.schedule();
        }
        ready.forEach(Runnable::run);
    }

    /**
     * Moves the frames queued before acceptance onto the lane, under the lock so that no frame
     * arriving now can get ahead of them; they run once the caller schedules the lane after it.
     */
    private boolean enqueueBacklog() {
        ArrayDeque<Frame> backlog = this.queued;
        boolean start = false;
        if (backlog != null) {
            for (Frame frame : backlog) {
                start |= this.lane.enqueue(() -> handle(frame));
            }
        }
        // Only now: a frame that finds the queue gone goes to the lane without the lock, behind these.
        this.queued = null;
        return start;
    }

    void checkHibernatable() {
        boolean peerAwaiting = peerAwaiting();
        synchronized (this.lock) {
            checkHibernatableLocked(peerAwaiting);
        }
    }

    /** Read before taking this end's lock, so that the two ends' locks are never nested. */
    private boolean peerAwaiting() {
        WebSocket other = this.peer;
        if (other == null) {
            return false;
        }
        synchronized (other.lock) {
            return other.state == State.AWAITING;
        }
    }

    private void checkHibernatableLocked(boolean peerAwaiting) {
        if (this.state == State.ACCEPTED) {
            throw new IllegalStateException(this.hibernation != null ? "This WebSocket was already accepted with acceptWebSocket()" : Hibernation.ALREADY_ACCEPTED);
        }
        if (this.state == State.RETURNED || !peerAwaiting) {
            throw new IllegalStateException(Hibernation.PAIR_USED);
        }
    }

    void acceptHibernatable(Hibernation.Handler handler) {
        boolean peerAwaiting = peerAwaiting();
        boolean start;
        List<Runnable> ready;
        synchronized (this.lock) {
            checkHibernatableLocked(peerAwaiting);
            this.state = State.ACCEPTED;
            this.allowHalfOpen = false;
            this.hibernation = handler;
            start = enqueueBacklog();
            ready = takeReadyActions();
        }
        if (start) {
            this.lane.schedule();
        }
        ready.forEach(Runnable::run);
    }

    /** Under the lock: the actions waiting for this end to be accepted or coupled; none wait afterwards. */
    private List<Runnable> takeReadyActions() {
        List<Runnable> ready = this.whenReady;
        this.whenReady = null;
        return (ready != null) ? ready : List.of();
    }

    /** Runs the action once this end is accepted or coupled to a connection (at once if it is). */
    private void whenReady(Runnable action) {
        synchronized (this.lock) {
            if (this.whenReady != null) {
                this.whenReady.add(action);
                return;
            }
        }
        action.run();
    }

    /** Runs the action once the peer of this end is accepted or coupled to a connection. */
    void whenPeerReady(Runnable action) {
        WebSocket local = this.peer;
        if (local != null) {
            local.whenReady(action);
        }
    }

    /**
     * Takes the frames queued for a returned end so far, leaving an empty queue so that frames
     * arriving while they go to the transport queue up behind them; once nothing is left, stops
     * queueing. Called with the lock.
     */
    private @Nullable ArrayDeque<Frame> takeBacklog() {
        ArrayDeque<Frame> backlog = this.queued;
        if (backlog == null || backlog.isEmpty()) {
            this.queued = null;
            return null;
        }
        this.queued = new ArrayDeque<>();
        return backlog;
    }

    /**
     * Sends a text message.
     * @param message the text
     * @throws IllegalStateException before {@code accept()} and after {@code close()}
     */
    public void send(String message) {
        transmit(new Frame.Text(message));
    }

    /**
     * Sends a binary message; the bytes are copied, so changing the array afterwards does not
     * change what is sent.
     * @param message the bytes
     * @throws IllegalStateException before {@code accept()} and after {@code close()}
     */
    public void send(byte[] message) {
        transmit(new Frame.Binary(message.clone()));
    }

    /**
     * Sends the remaining bytes of a buffer as a binary message; they are copied and the buffer's
     * position is left unchanged.
     * @param message the bytes
     * @throws IllegalStateException before {@code accept()} and after {@code close()}
     */
    public void send(ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.duplicate().get(bytes);
        transmit(new Frame.Binary(bytes));
    }

    private void transmit(Frame frame) {
        // ACCEPTED is final and closedOutgoing only turns true (before outgoingAborted does), so an
        // accepted end that has not closed sends without the lock; the lock decides the outcome otherwise.
        if (this.state != State.ACCEPTED || this.closedOutgoing) {
            synchronized (this.lock) {
                if (this.state != State.ACCEPTED) {
                    throw new IllegalStateException(MUST_ACCEPT);
                }
                if (this.outgoingAborted) {
                    return;
                }
                if (this.closedOutgoing) {
                    throw new IllegalStateException(SEND_AFTER_CLOSE);
                }
            }
        }
        WebSocket target = this.peer;
        if (target != null) {
            deliver(target, frame);
        }
    }

    /** Hands a frame the application sent to the peer, through the output gate of the current thread if there is one. */
    private static void deliver(WebSocket target, Frame frame) {
        OutputGate gate = OutputGate.current();
        if (gate != null) {
            gate.hold(target, frame);
        }
        else {
            target.receive(frame);
        }
    }

    /**
     * Closes with an empty Close frame: the peer sees code 1005 and an empty reason. Closing a
     * socket that already sent its Close, or whose connection is gone, is a no-op. On a client
     * socket that is still connecting, it cancels the handshake, as in Workers: the socket gets an
     * error event ({@code "Called close before connection was established."}) and a close event
     * 1006.
     * @throws IllegalStateException before {@code accept()}
     */
    public void close() {
        if (!cancelConnecting()) {
            sendClose(CloseCodes.NO_STATUS, "");
        }
    }

    /**
     * Closes with a code and an empty reason.
     * @param code 1000–4999, except 1004, 1005, 1006 and 1015
     * @throws IllegalArgumentException {@code "Invalid WebSocket close code: <code>."}
     * @throws IllegalStateException before {@code accept()}
     * @see #close()
     */
    public void close(int code) {
        close(code, "");
    }

    /**
     * Closes with a code and a reason of at most 123 UTF-8 bytes. Frames sent earlier are
     * delivered first.
     * @param code 1000–4999, except 1004, 1005, 1006 and 1015
     * @param reason the reason
     * @throws IllegalArgumentException {@code "Invalid WebSocket close code: <code>."} or
     * {@code "WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded."}
     * @throws IllegalStateException before {@code accept()}
     * @see #close()
     */
    public void close(int code, String reason) {
        if (cancelConnecting()) {
            return;
        }
        CloseCodes.validate(code, reason);
        sendClose(code, reason);
    }

    /** Cancels the handshake of a connecting client socket; whether this socket was one (Workers checks this before the arguments). */
    private boolean cancelConnecting() {
        Runnable cancel;
        synchronized (this.lock) {
            if (this.state != State.CONNECTING) {
                return false;
            }
            if (this.failed) {
                return true;
            }
            cancel = this.cancelConnecting;
            this.closedIncoming = true;
            markFailed();
        }
        if (cancel != null) {
            cancel.run();
        }
        dispatchConnectFailure(new CancellationException(CLOSED_WHILE_CONNECTING));
        return true;
    }

    private void dispatchConnectFailure(Throwable error) {
        this.lane.execute(() -> {
            dispatch(EventType.ERROR, new ErrorEvent(String.valueOf(error.getMessage()), error));
            dispatch(EventType.CLOSE, new CloseEvent(CloseCodes.ABNORMAL, HANDSHAKE_FAILED, false));
        });
    }

    /**
     * The handshake of a client socket succeeded: records the negotiated values, accepts the
     * socket and fires {@code open}.
     * @return {@code false} if the socket was closed while connecting, so the connection must go
     */
    boolean opened(@Nullable String protocol, @Nullable String extensions) {
        boolean start;
        List<Runnable> ready;
        synchronized (this.lock) {
            if (this.state != State.CONNECTING || this.failed) {
                return false;
            }
            this.state = State.ACCEPTED;
            this.protocol = protocol;
            this.extensions = extensions;
            start = this.lane.enqueue(() -> dispatch(EventType.OPEN, new OpenEvent()));
            start |= enqueueBacklog();
            ready = takeReadyActions();
        }
        if (start) {
            this.lane.schedule();
        }
        ready.forEach(Runnable::run);
        return true;
    }

    /** The handshake of a client socket failed: an error event, then close 1006, as in Workers. */
    void connectFailed(Throwable error) {
        synchronized (this.lock) {
            if (this.state != State.CONNECTING || this.failed) {
                return;
            }
            this.closedIncoming = true;
            markFailed();
        }
        dispatchConnectFailure(error);
    }

    private void sendClose(int code, String reason) {
        WebSocket target;
        synchronized (this.lock) {
            if (this.state == State.RETURNED) {
                return;
            }
            if (this.state != State.ACCEPTED) {
                throw new IllegalStateException(MUST_ACCEPT);
            }
            if (this.closedOutgoing || this.outgoingAborted) {
                return;
            }
            this.closedOutgoing = true;
            target = this.peer;
        }
        if (target != null) {
            deliver(target, new Frame.Close(code, reason));
        }
    }

    /**
     * The readyState as in Workers: 0 connecting, 1 open, 2 closing, 3 closed. A pair end is 1
     * before {@code accept()}, and an end returned in a response stays 1; only a client socket whose
     * handshake is pending is 0.
     * @return the state
     */
    public int readyState() {
        synchronized (this.lock) {
            if (this.failed || (this.closedIncoming && this.closedOutgoing)) {
                return READY_STATE_CLOSED;
            }
            if (this.closedIncoming || this.closedOutgoing) {
                return READY_STATE_CLOSING;
            }
            return (this.state == State.CONNECTING) ? READY_STATE_CONNECTING : READY_STATE_OPEN;
        }
    }

    /**
     * The URL a client socket was opened with; {@code null} for pair ends and sockets of an
     * upgrade response, as in Workers.
     * @return the URL or {@code null}
     */
    public @Nullable String url() {
        return this.url;
    }

    /**
     * The negotiated sub-protocol, as in Workers: empty for pair ends, sockets of an upgrade
     * response (read the {@code Sec-WebSocket-Protocol} response header instead) and client sockets
     * still connecting; for an opened client socket the server's choice, or {@code null} if it chose
     * none.
     * @return the sub-protocol
     */
    public @Nullable String protocol() {
        synchronized (this.lock) {
            return this.protocol;
        }
    }

    /**
     * The negotiated extensions, as in Workers: empty for pair ends, sockets of an upgrade response
     * and client sockets still connecting; for an opened client socket the server's
     * {@code Sec-WebSocket-Extensions}, or {@code null} if there were none.
     * @return the extensions
     */
    public @Nullable String extensions() {
        synchronized (this.lock) {
            return this.extensions;
        }
    }

    /**
     * Adds a listener. Adding the same listener twice for one type has no effect, as with DOM
     * {@code EventTarget}s. Events that arrive while no listener of their type is registered are
     * dropped, except on a client socket whose type never had a listener: the first listener of
     * the type receives them, in a later task on the socket's lane (messages up to 1024 and
     * 1 MiB; later ones are dropped).
     * @param type {@link EventType#MESSAGE}, {@link EventType#CLOSE}, {@link EventType#ERROR} or {@link EventType#OPEN}
     * @param listener the listener
     * @param <E> the event class
     */
    public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        if (this.listeners.add(type, listener)) {
            this.lane.executeLater(this::deliverHeard);
        }
    }

    /**
     * Removes a listener added with {@link #addEventListener}.
     * @param type the event type it was added for
     * @param listener the listener
     * @param <E> the event class
     */
    public <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        this.listeners.remove(type, listener);
    }

    /** Hands a frame from the peer to this end: queued, dispatched, or forwarded to the network. */
    void receive(Frame frame) {
        // The queue exists until the end is accepted or coupled and the frames in it went ahead;
        // it never comes back, so once it is gone no frame can overtake them and the lock is not needed.
        if (this.queued != null) {
            synchronized (this.lock) {
                ArrayDeque<Frame> waiting = this.queued;
                if (waiting != null) {
                    waiting.add(frame);
                    return;
                }
            }
        }
        Transport forward = (this.state == State.ACCEPTED) ? null : this.transport;
        if (forward != null) {
            forwardTo(forward, frame);
        }
        else {
            this.lane.execute(() -> handle(frame));
        }
    }

    /**
     * Writes what the peer hands over to this end's connection. When the peer is itself coupled to
     * a connection (a proxy), a lost or failed peer connection drops this one too, so its far side
     * sees 1006 as well, and an oversized message closes it with 1009.
     */
    private static void forwardTo(Transport transport, Frame frame) {
        if (frame instanceof Frame.Text text) {
            transport.sendText(text.text());
        }
        else if (frame instanceof Frame.Binary binary) {
            transport.sendBinary(binary.bytes());
        }
        else if (frame instanceof Frame.Close close) {
            transport.close(close.code(), close.reason());
        }
        else if (frame instanceof Frame.TooLarge tooLarge) {
            transport.close(CloseCodes.MESSAGE_TOO_BIG, tooLarge.message());
        }
        else {
            transport.abort();
        }
    }

    /** Runs on the lane: applies the frame to this accepted end and dispatches its event. */
    private void handle(Frame frame) {
        if (frame instanceof Frame.Text text) {
            if (text.text().length() > this.maxMessageSize / 3 && Utf8.length(text.text()) > this.maxMessageSize) {
                handle(new Frame.TooLarge(Utf8.length(text.text()), this.maxMessageSize));
            }
            else if (isReceiving() && !autoRespond(text.text())) {
                dispatch(EventType.MESSAGE, MessageEvent.text(text.text()));
            }
        }
        else if (frame instanceof Frame.Binary binary) {
            if (binary.bytes().length > this.maxMessageSize) {
                handle(new Frame.TooLarge(binary.bytes().length, this.maxMessageSize));
            }
            else if (isReceiving()) {
                dispatch(EventType.MESSAGE, MessageEvent.binary(binary.bytes()));
            }
        }
        else if (frame instanceof Frame.Close close) {
            onClose(close);
        }
        else if (frame instanceof Frame.Lost lost) {
            synchronized (this.lock) {
                if (this.closedIncoming || this.failed) {
                    return;
                }
                this.closedIncoming = true;
                this.closedOutgoing = true;
                this.outgoingAborted = true;
            }
            dispatch(EventType.CLOSE, new CloseEvent(CloseCodes.ABNORMAL, lost.reason(), false));
        }
        else if (frame instanceof Frame.TooLarge tooLarge) {
            WebSocket closeTarget;
            synchronized (this.lock) {
                if (this.failed || this.closedIncoming) {
                    return;
                }
                closeTarget = (this.closedOutgoing || this.outgoingAborted) ? null : this.peer;
                markFailed();
            }
            if (closeTarget != null) {
                closeTarget.receive(new Frame.Close(CloseCodes.MESSAGE_TOO_BIG, tooLarge.message()));
            }
            dispatch(EventType.ERROR, new ErrorEvent(tooLarge.message(), new MessageTooLargeException(tooLarge.message())));
        }
        else if (frame instanceof Frame.Failed failure) {
            synchronized (this.lock) {
                if (this.failed || this.closedIncoming) {
                    return;
                }
                markFailed();
            }
            dispatch(EventType.ERROR, new ErrorEvent(String.valueOf(failure.error().getMessage()), failure.error()));
        }
    }

    /** Answers a hibernatable socket's auto-response request on this lane, bypassing any output gate. */
    private boolean autoRespond(String text) {
        Hibernation.Handler handler = this.hibernation;
        if (handler == null) {
            return false;
        }
        String response = handler.autoResponse(this, text);
        if (response == null) {
            return false;
        }
        WebSocket target;
        synchronized (this.lock) {
            target = (this.closedOutgoing || this.outgoingAborted) ? null : this.peer;
        }
        if (target != null) {
            this.lastAutoResponse = Instant.now();
            target.receive(new Frame.Text(response));
        }
        return true;
    }

    private boolean isReceiving() {
        return !this.closedIncoming && !this.failed;
    }

    private void markFailed() {
        this.failed = true;
        this.closedOutgoing = true;
        this.outgoingAborted = true;
    }

    private void onClose(Frame.Close close) {
        WebSocket reply = null;
        synchronized (this.lock) {
            if (this.closedIncoming || this.failed) {
                return;
            }
            this.closedIncoming = true;
            if (!this.allowHalfOpen && !this.closedOutgoing && !this.outgoingAborted) {
                this.closedOutgoing = true;
                reply = this.peer;
            }
        }
        if (reply != null) {
            reply.receive(close);
        }
        dispatch(EventType.CLOSE, new CloseEvent(close.code(), close.code() == CloseCodes.NO_STATUS ? "" : close.reason(), true));
    }

    private <E extends Event> void dispatch(EventType<E> type, E event) {
        Hibernation.Handler handler = this.hibernation;
        if (handler != null) {
            dispatchTo(handler, event);
            return;
        }
        if (this.url != null) {
            // A client socket: its events may come before the application has added its listeners.
            if (this.listeners.of(type).length == 0 && this.listeners.keep(type, event)) {
                return;
            }
            deliverHeard();
        }
        notifyListeners(type, event);
    }

    /** Runs on the lane: hands the kept events of a client socket to the listeners their types have now. */
    private void deliverHeard() {
        for (UnheardEvents.Kept kept : this.listeners.takeHeard()) {
            notifyListeners(kept.type(), kept.event());
        }
    }

    @SuppressWarnings("unchecked")
    private void notifyListeners(EventType<?> type, Event event) {
        DispatchObserver dispatchObserver = this.observer;
        boolean timed = dispatchObserver != DispatchObserver.NONE;
        long start = timed ? System.nanoTime() : 0;
        int failures = 0;
        for (EventListener<?> listener : this.listeners.of(type)) {
            try {
                ((EventListener<Event>) listener).handleEvent(event);
            }
            catch (RuntimeException ex) {
                failures++;
                logger.warn("A '{}' listener of WebSocket {} on route {} threw; the socket stays open", type.name(), this.id, this.route, ex);
            }
        }
        if (timed) {
            dispatchObserver.dispatched(type.name(), System.nanoTime() - start, failures);
        }
    }

    private void dispatchTo(Hibernation.Handler handler, Event event) {
        try {
            if (event instanceof MessageEvent message) {
                handler.message(this, message);
            }
            else if (event instanceof CloseEvent close) {
                handler.close(this, close);
            }
            else if (event instanceof ErrorEvent error) {
                handler.error(this, error);
            }
        }
        catch (RuntimeException ex) {
            logger.warn("The hibernation handler of WebSocket {} on route {} threw on a '{}' event", this.id, this.route, event.type(), ex);
        }
    }

    /**
     * Stores a copy of a value with this socket, as Workers' {@code ws.serializeAttachment(value)}:
     * the value is encoded now, so later changes to it are not kept unless this is called again.
     * It stays with the connection (not in storage), survives a Durable Object's hibernation and
     * is gone when the socket is. Sockets accepted by a Durable Object encode with the object's
     * codec (JSON by default); others with {@link AttachmentCodec#standard()}.
     * @param value the value, or {@code null} to clear it
     * @throws IllegalArgumentException if the encoded value exceeds 16,384 bytes, with Workers'
     * text {@code "A WebSocket 'attachment' cannot be larger than 16384 bytes.'attachment' was N bytes."},
     * or if the codec cannot encode it
     */
    public void serializeAttachment(@Nullable Object value) {
        this.attachment = checkedAttachment(this.attachmentCodec.encode(value));
    }

    /**
     * The value last given to {@link #serializeAttachment}, decoded into a fresh copy, as Workers'
     * {@code ws.deserializeAttachment()}.
     * @return the value, or {@code null} if none was set
     */
    public @Nullable Object deserializeAttachment() {
        return deserializeAttachment(Object.class);
    }

    /**
     * The value last given to {@link #serializeAttachment}, decoded as a type.
     * @param type the type to decode into
     * @param <T> the type
     * @return the value, or {@code null} if none was set
     * @throws IllegalArgumentException if the attachment is not of that type
     */
    public <T> @Nullable T deserializeAttachment(Class<T> type) {
        byte[] bytes = this.attachment;
        return (bytes != null) ? this.attachmentCodec.decode(bytes, type) : null;
    }

    private static byte[] checkedAttachment(byte[] bytes) {
        if (bytes.length > MAX_ATTACHMENT_SIZE) {
            throw new IllegalArgumentException("A WebSocket 'attachment' cannot be larger than " + MAX_ATTACHMENT_SIZE
                    + " bytes.'attachment' was " + bytes.length + " bytes.");
        }
        return bytes;
    }

    void useAttachmentCodec(AttachmentCodec codec) {
        byte[] bytes = this.attachment;
        if (bytes != null && codec != this.attachmentCodec) {
            this.attachment = checkedAttachment(codec.encode(this.attachmentCodec.decode(bytes, Object.class)));
        }
        this.attachmentCodec = codec;
    }

    boolean isAccepted() {
        synchronized (this.lock) {
            return this.state == State.ACCEPTED;
        }
    }

    Hibernation.@Nullable Handler hibernationHandler() {
        return this.hibernation;
    }

    /** The hibernation tags of the local peer, as its handler lists them; empty unless it is hibernatable. */
    List<String> peerTags() {
        WebSocket local = this.peer;
        Hibernation.Handler handler = (local != null) ? local.hibernation : null;
        return (local != null && handler != null) ? handler.tags(local) : List.of();
    }

    @Nullable Instant lastAutoResponse() {
        return this.lastAutoResponse;
    }

    /** Marks this end as returned in a response, with Workers' errors for an end that cannot be. */
    void release() {
        synchronized (this.lock) {
            if (this.state == State.CONNECTING) {
                throw new IllegalStateException(RETURN_CONSTRUCTED);
            }
            if (this.hibernation != null) {
                throw new IllegalStateException(RETURN_AFTER_ACCEPT_WEBSOCKET);
            }
            if (this.state == State.ACCEPTED) {
                throw new IllegalStateException(RETURN_AFTER_ACCEPT);
            }
            if (this.state == State.RETURNED) {
                throw new IllegalStateException(RETURNED_TWICE);
            }
            this.state = State.RETURNED;
        }
    }

    /**
     * Couples a returned end to a connection: queued frames leave first, in order. If the peer is
     * coupled to a connection too, the two transports are introduced to each other for flow control.
     */
    void couple(Transport transport, Executor eventLoop, BooleanSupplier inEventLoop, String route, DispatchObserver dispatchObserver) {
        WebSocket local = this.peer;
        this.route = route;
        if (local != null) {
            local.route = route;
            local.observer = dispatchObserver;
            local.maxMessageSize = Long.MAX_VALUE;
            local.lane.bind(eventLoop, inEventLoop);
        }
        ArrayDeque<Frame> backlog;
        List<Runnable> ready;
        synchronized (this.lock) {
            this.transport = transport;
            backlog = takeBacklog();
            ready = takeReadyActions();
        }
        while (backlog != null) {
            backlog.forEach(frame -> forwardTo(transport, frame));
            synchronized (this.lock) {
                backlog = takeBacklog();
            }
        }
        Transport relay = (local != null) ? local.coupledTransport() : null;
        if (relay != null) {
            transport.relayingWith(relay);
            relay.relayingWith(transport);
        }
        ready.forEach(Runnable::run);
    }

    private @Nullable Transport coupledTransport() {
        synchronized (this.lock) {
            return this.transport;
        }
    }

    /** Delivers a frame that arrived on this end's connection to the local peer. */
    void deliverToPeer(Frame frame) {
        WebSocket local = this.peer;
        if (local != null) {
            local.receive(frame);
        }
    }

    long id() {
        return this.id;
    }

    String route() {
        return this.route;
    }

    @Override
    public String toString() {
        return "WebSocket[id=" + this.id + ", route=" + this.route + ", readyState=" + readyState() + "]";
    }
}
