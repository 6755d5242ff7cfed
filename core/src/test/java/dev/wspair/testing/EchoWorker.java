package dev.wspair.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wspair.Event;
import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.webflux.WebSocketResponse;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * A Worker-style echo on {@code /echo}: greets with "hello", replies "echo:" + text, echoes bytes
 * as bytes, closes on "close:&lt;code&gt;:&lt;reason&gt;" (an empty code closes without one) and
 * sends N chunks of 1 KiB on "flood:N". It records every event of its server ends, in order.
 */
public final class EchoWorker {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(path("/echo"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, this.events::add);
            ws.addEventListener(EventType.CLOSE, this.events::add);
            ws.addEventListener(EventType.ERROR, this.events::add);
            ws.addEventListener(EventType.MESSAGE, event -> {
                if (!event.isText()) {
                    ws.send(event.binary());
                }
                else if (event.text().startsWith("close:")) {
                    String[] parts = event.text().split(":", 3);
                    if (parts[1].isEmpty()) {
                        ws.close();
                    }
                    else {
                        ws.close(Integer.parseInt(parts[1]), parts[2]);
                    }
                }
                else if (event.text().startsWith("flood:")) {
                    String chunk = "x".repeat(1024);
                    int count = Integer.parseInt(event.text().substring(6));
                    for (int i = 0; i < count && ws.readyState() == WebSocket.READY_STATE_OPEN; i++) {
                        ws.send(chunk);
                    }
                }
                else {
                    ws.send("echo:" + event.text());
                }
            });
            ws.send("hello");
            return WebSocketResponse.of(pair.client());
        });
    }

    /** Every event of every server end so far that was not taken yet. */
    public BlockingQueue<Event> events() {
        return this.events;
    }

    /** The next event of the type, skipping others, waiting at most 10 s. */
    public <E extends Event> E next(Class<E> type) throws InterruptedException {
        while (true) {
            Event event = this.events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(event).as("a %s within %s", type.getSimpleName(), TIMEOUT).isNotNull();
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }
}
