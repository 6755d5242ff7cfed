package dev.wspair.webflux;

import dev.wspair.Coupling;
import dev.wspair.WebSocket;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code 101 Switching Protocols} response of a functional endpoint, carrying the end to hand
 * to the client: Workers' {@code new Response(null, {status: 101, webSocket: client})}.
 *
 * <pre>{@code
 * var pair = new WebSocketPair();
 * pair.server().accept();
 * return WebSocketResponse.of(pair.client());
 * }</pre>
 *
 * The handshake uses the application's {@link WebSocketUpgrader} bean, or default settings when
 * there is none.
 */
public final class WebSocketResponse implements ServerResponse {

    private final Coupling coupling;

    private final HttpHeaders headers = new HttpHeaders();

    private WebSocketResponse(Coupling coupling) {
        this.coupling = coupling;
    }

    /**
     * A {@code 101} response that couples the end to the client's connection.
     * @param client the end to return, neither accepted nor returned before
     * @return the response
     * @throws IllegalStateException {@code "Can't return WebSocket in a Response after calling accept()."}
     * or {@code "Can't return WebSocket that was already used in a response."}
     */
    public static Mono<ServerResponse> of(WebSocket client) {
        return Mono.just(new WebSocketResponse(Coupling.claim(client)));
    }

    @Override
    public HttpStatusCode statusCode() {
        return HttpStatus.SWITCHING_PROTOCOLS;
    }

    @Override
    public HttpHeaders headers() {
        return this.headers;
    }

    @Override
    public MultiValueMap<String, ResponseCookie> cookies() {
        return new LinkedMultiValueMap<>();
    }

    @Override
    public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
        exchange.getResponse().getHeaders().addAll(this.headers);
        return WebSocketUpgrader.of(exchange).upgrade(exchange, this.coupling);
    }
}
