package dev.wspair.sample.clickcounter;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static dev.wspair.EventType.CLOSE;
import static dev.wspair.EventType.MESSAGE;

/**
 * The Worker's {@code handleSession(websocket)} together with its module-level {@code count}: it
 * accepts the server end, answers {@code CLICK} with the new value of one counter shared by every
 * connection, answers anything else with an error, and only logs a close.
 */
public final class ClickCounter {

    private static final Logger logger = LoggerFactory.getLogger(ClickCounter.class);

    /** What JavaScript's {@code JSON.stringify(new Date())} produces: UTC, always three fraction digits. */
    private static final DateTimeFormatter TZ = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AtomicLong count = new AtomicLong();

    private final JsonMapper json;

    private final Clock clock;

    /**
     * Creates a counter that starts at 0.
     * @param json writes the replies
     * @param clock the source of each reply's {@code tz}
     */
    public ClickCounter(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * Accepts the server end of a pair and handles its messages, as the Worker does before it
     * returns the client end in a {@code 101} response.
     * @param server the end to accept and serve
     */
    public void serve(WebSocket server) {
        server.accept();
        server.addEventListener(MESSAGE, event -> server.send(reply(event)));
        server.addEventListener(CLOSE, event -> logger.info("WebSocket closed: code={}, reason='{}', wasClean={}", event.code(), event.reason(), event.wasClean()));
    }

    private String reply(MessageEvent event) {
        String tz = TZ.format(this.clock.instant());
        if (event.isText() && event.text().equals("CLICK")) {
            return this.json.writeValueAsString(new Clicked(this.count.incrementAndGet(), tz));
        }
        return this.json.writeValueAsString(new Unknown("Unknown message received", tz));
    }

    @JsonPropertyOrder({ "count", "tz" })
    private record Clicked(long count, String tz) {
    }

    @JsonPropertyOrder({ "error", "tz" })
    private record Unknown(String error, String tz) {
    }
}
