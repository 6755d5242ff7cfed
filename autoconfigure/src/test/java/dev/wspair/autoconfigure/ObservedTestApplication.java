package dev.wspair.autoconfigure;

import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.webflux.WebSocketResponse;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A Boot application with the actuator, the simple meter registry and three Worker-style routes
 * for the observability tests: {@code /traffic/{room}} and {@code /echo} echo (on {@code /echo}
 * the text {@code boom} makes the listener throw), {@code /flood} answers {@code flood:<n>} with
 * n messages of 1 KiB. Tests start it with {@link ObservedServerTest}. It is deliberately no
 * {@code @Configuration}, so the component scans of the other test applications in this package
 * do not pick up its routes.
 */
@EnableAutoConfiguration
public class ObservedTestApplication {

    @Bean
    RouterFunction<ServerResponse> observedRoutes() {
        return RouterFunctions.route()
            .GET("/traffic/{room}", request -> serve(false))
            .GET("/echo", request -> serve(true))
            .GET("/flood", request -> {
                var pair = new WebSocketPair();
                WebSocket ws = pair.server();
                ws.accept();
                ws.addEventListener(EventType.MESSAGE, event -> {
                    String chunk = "x".repeat(1024);
                    int count = Integer.parseInt(event.text().substring("flood:".length()));
                    for (int i = 0; i < count && ws.readyState() == WebSocket.READY_STATE_OPEN; i++) {
                        ws.send(chunk);
                    }
                });
                return WebSocketResponse.of(pair.client());
            })
            .build();
    }

    private static Mono<ServerResponse> serve(boolean boom) {
        var pair = new WebSocketPair();
        WebSocket ws = pair.server();
        ws.accept();
        ws.addEventListener(EventType.MESSAGE, event -> {
            if (boom && event.text().equals("boom")) {
                throw new IllegalStateException("listener failure for the test");
            }
            ws.send(event.text());
        });
        return WebSocketResponse.of(pair.client());
    }
}
