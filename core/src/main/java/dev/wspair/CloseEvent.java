package dev.wspair;

/**
 * Fired once when the peer's Close frame arrives or the connection is lost, like Workers'
 * {@code CloseEvent}. A lost connection is reported as code {@code 1006}, reason
 * {@code "WebSocket disconnected without sending Close frame."} and {@code wasClean == false};
 * an empty Close frame as code {@code 1005} and an empty reason.
 *
 * @param code the close code
 * @param reason the close reason, possibly empty
 * @param wasClean whether a Close frame was received
 */
public record CloseEvent(int code, String reason, boolean wasClean) implements Event {

    @Override
    public String type() {
        return "close";
    }
}
