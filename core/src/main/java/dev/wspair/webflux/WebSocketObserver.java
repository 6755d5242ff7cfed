package dev.wspair.webflux;

/**
 * Observes the connections wspair serves, for metrics (SPI; the starter binds it to Micrometer).
 * {@link #NONE} observes nothing and costs nothing per message.
 */
public interface WebSocketObserver {

    /** Observes nothing. */
    WebSocketObserver NONE = new WebSocketObserver() {

        @Override
        public ConnectionObservation opened(String route) {
            return ConnectionObservation.NONE;
        }
    };

    /**
     * A connection was upgraded on a route.
     * @param route the route template
     * @return the observation of that connection's traffic and end
     */
    ConnectionObservation opened(String route);

    /**
     * A handshake was refused before the upgrade.
     * @param route the route template
     * @param reason a short, bounded reason such as {@code "origin"}, {@code "bad-request"} or {@code "limit"}
     */
    default void rejected(String route, String reason) {
    }
}
