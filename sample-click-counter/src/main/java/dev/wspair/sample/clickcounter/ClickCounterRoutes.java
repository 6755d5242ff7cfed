package dev.wspair.sample.clickcounter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import dev.wspair.WebSocketPair;
import dev.wspair.webflux.WebSocketResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.all;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The Worker's {@code fetch}: {@code /} serves the page, {@code /ws} upgrades to a WebSocket served
 * by the shared {@link ClickCounter}, and every other path, whatever the method, is a plain-text 404.
 */
@Configuration(proxyBeanMethods = false)
public final class ClickCounterRoutes {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=utf-8");

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    @Bean
    ClickCounter clickCounter(JsonMapper json) {
        return new ClickCounter(json, Clock.systemUTC());
    }

    @Bean
    RouterFunction<ServerResponse> routes(ClickCounter counter) throws IOException {
        String page = new ClassPathResource("click-counter.html").getContentAsString(StandardCharsets.UTF_8);
        return route(path("/"), request -> ServerResponse.ok().contentType(HTML).bodyValue(page))
            .andRoute(path("/ws"), request -> websocket(request, counter))
            .andRoute(all(), request -> text(HttpStatus.NOT_FOUND, "Not found"));
    }

    private static Mono<ServerResponse> websocket(ServerRequest request, ClickCounter counter) {
        if (!"websocket".equals(request.headers().firstHeader(HttpHeaders.UPGRADE))) {
            return text(HttpStatus.BAD_REQUEST, "Expected websocket");
        }
        var pair = new WebSocketPair();
        counter.serve(pair.server());
        return WebSocketResponse.of(pair.client());
    }

    private static Mono<ServerResponse> text(HttpStatus status, String body) {
        return ServerResponse.status(status).contentType(TEXT).bodyValue(body);
    }
}
