package dev.wspair;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collects the message, close and error events of one socket, in dispatch order, and hands them
 * to the test thread with a bounded wait (listeners of local ends run on another thread).
 */
final class Recorder {

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private Recorder() {
    }

    /** Registers MESSAGE, CLOSE and ERROR listeners on the socket. */
    static Recorder of(WebSocket socket) {
        Recorder recorder = new Recorder();
        socket.addEventListener(EventType.MESSAGE, recorder.events::add);
        socket.addEventListener(EventType.CLOSE, recorder.events::add);
        socket.addEventListener(EventType.ERROR, recorder.events::add);
        return recorder;
    }

    /** The next event, waiting at most 5 seconds; fails the test if none arrives. */
    Event next() throws InterruptedException {
        Event event = this.events.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("an event within 5 seconds").isNotNull();
        return event;
    }

    <E extends Event> E next(Class<E> type) throws InterruptedException {
        Event event = next();
        assertThat(event).isInstanceOf(type);
        return type.cast(event);
    }

    MessageEvent nextMessage() throws InterruptedException {
        return next(MessageEvent.class);
    }

    String nextText() throws InterruptedException {
        MessageEvent message = nextMessage();
        assertThat(message.isText()).as("a text message").isTrue();
        return message.text();
    }

    CloseEvent nextClose() throws InterruptedException {
        return next(CloseEvent.class);
    }

    ErrorEvent nextError() throws InterruptedException {
        return next(ErrorEvent.class);
    }

    /** The events recorded so far that the test has not taken yet (for synchronous dispatch). */
    List<Event> pending() {
        return new ArrayList<>(this.events);
    }
}
