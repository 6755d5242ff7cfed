package dev.wspair.webflux;

import dev.wspair.WebSocket;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.HandlerResultHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Lets an annotated controller method return the client end, or a {@code Mono} of it, to answer
 * with {@code 101}, as a Worker returns a response carrying the end:
 *
 * <pre>{@code
 * @GetMapping("/ws")
 * WebSocket connect() {
 *     var pair = new WebSocketPair();
 *     pair.server().accept();
 *     return pair.client();
 * }
 * }</pre>
 *
 * Runs before the {@code @ResponseBody} handler, so it works in a {@code @RestController}.
 */
public final class WebSocketResultHandler implements HandlerResultHandler, Ordered {

    /** The order: ahead of Spring's result handlers (0 and above). */
    public static final int ORDER = -10;

    private final WebSocketUpgrader upgrader;

    /**
     * Creates the handler.
     * @param upgrader performs the handshakes
     */
    public WebSocketResultHandler(WebSocketUpgrader upgrader) {
        this.upgrader = upgrader;
    }

    @Override
    public boolean supports(HandlerResult result) {
        Class<?> type = result.getReturnType().toClass();
        if (WebSocket.class.isAssignableFrom(type)) {
            return true;
        }
        return Mono.class.isAssignableFrom(type) && WebSocket.class.isAssignableFrom(result.getReturnType().getGeneric(0).toClass());
    }

    @Override
    public Mono<Void> handleResult(ServerWebExchange exchange, HandlerResult result) {
        Object value = result.getReturnValue();
        Mono<?> client = (value instanceof Mono<?> mono) ? mono : Mono.justOrEmpty(value);
        return client.cast(WebSocket.class)
            .switchIfEmpty(Mono.error(() -> new IllegalStateException("The handler method returned no WebSocket to answer the upgrade with")))
            .flatMap(end -> this.upgrader.upgrade(exchange, end));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
