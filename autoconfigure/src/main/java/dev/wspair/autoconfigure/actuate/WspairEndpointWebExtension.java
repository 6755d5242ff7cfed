package dev.wspair.autoconfigure.actuate;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * HTTP statuses for closing a socket through the {@code wspair} endpoint: 200 with the socket,
 * 400 with Workers' text for an invalid code or reason, 404 for a socket that is not open.
 */
@EndpointWebExtension(endpoint = WspairEndpoint.class)
public class WspairEndpointWebExtension {

    private final WspairEndpoint endpoint;

    /**
     * Creates the extension.
     * @param endpoint the endpoint it answers for
     */
    public WspairEndpointWebExtension(WspairEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Closes one socket, as {@link WspairEndpoint#close(long, int, String)} does.
     * @param id the socket id
     * @param code the close code
     * @param reason the close reason; empty if absent
     * @return the response with its status
     */
    @WriteOperation
    public WebEndpointResponse<Object> close(@Selector long id, int code, @Nullable String reason) {
        try {
            WspairEndpoint.SocketDescriptor closing = this.endpoint.close(id, code, reason);
            if (closing == null) {
                return new WebEndpointResponse<>(Map.of("error", "No open WebSocket with id " + id),
                        WebEndpointResponse.STATUS_NOT_FOUND);
            }
            return new WebEndpointResponse<>(closing, WebEndpointResponse.STATUS_OK);
        }
        catch (InvalidEndpointRequestException ex) {
            return new WebEndpointResponse<>(Map.of("error", String.valueOf(ex.getReason())),
                    WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }
}
