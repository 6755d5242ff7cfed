package dev.wspair.sample.clickcounter;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.client.WebSocketClient;
import dev.wspair.webflux.WebSocketResponse;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static dev.wspair.EventType.MESSAGE;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * An outbound WebSocket, the way a Worker proxies one: {@code /proxy} fetches an upgrade from an
 * upstream — this application's own {@code /echo} — and returns the upstream socket in its
 * {@code 101}, so that frames, close codes and backpressure pass straight through. Ordered ahead of
 * {@link ClickCounterRoutes}, whose catch-all answers 404.
 */
@Configuration(proxyBeanMethods = false)
public final class ProxyRoutes {

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> echoAndProxy(WebSocketClient client) {
        return route(path("/echo"), ProxyRoutes::echo).andRoute(path("/proxy"), request -> proxy(request, client));
    }

    /** A Worker-style echo: every message goes back as it came, text as text and binary as binary. */
    private static Mono<ServerResponse> echo(ServerRequest request) {
        var pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(MESSAGE, event -> {
            if (event.isText()) {
                server.send(event.text());
            }
            else {
                server.send(event.binary());
            }
        });
        return WebSocketResponse.of(pair.client());
    }

    /**
     * {@code fetch(upstream, {headers: {Upgrade: "websocket"}})}, then {@code new Response(null,
     * {status: 101, webSocket: resp.webSocket})}; a refusal is passed on as its status and body.
     */
    private static Mono<ServerResponse> proxy(ServerRequest request, WebSocketClient client) {
        if (!"websocket".equals(request.headers().firstHeader(HttpHeaders.UPGRADE))) {
            return ServerResponse.badRequest().contentType(TEXT).bodyValue("Expected websocket");
        }
        // The port this request arrived on, not the Host header, which the client chooses.
        InetSocketAddress local = Objects.requireNonNull(request.exchange().getRequest().getLocalAddress(), "local address");
        return client.fetch("http://localhost:" + local.getPort() + "/echo").flatMap(response -> {
            WebSocket upstream = response.webSocket();
            if (upstream == null) {
                return ServerResponse.status(response.status()).contentType(TEXT).bodyValue(response.text());
            }
            return WebSocketResponse.of(upstream);
        });
    }
}
