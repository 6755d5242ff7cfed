package dev.wspair.sample.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import static org.springframework.web.reactive.function.server.RequestPredicates.all;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The Worker's bindings and entry point: the {@code rooms} namespace of {@link ChatRoom}s, the
 * {@link RateLimiter} that replaces the {@code limiters} namespace (its budget from
 * {@link RateLimitProperties}), and the route that hands every request to the
 * {@link ChatWorker}; the rooms' WebSocket path is matched first as
 * {@code /api/room/{name}/websocket} only so that metrics tag its sockets by that template
 * instead of by each room's path. Time comes from a {@link Clock} bean when the application
 * declares one (tests do), and from the system clock otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TrustedProxyProperties.class, RateLimitProperties.class })
final class ChatConfiguration {

    @Bean
    ChatFrames chatFrames() {
        return new ChatFrames();
    }

    @Bean
    RateLimiter rateLimiter(ObjectProvider<Clock> clock, RateLimitProperties budget) {
        return new RateLimiter(clock.getIfAvailable(Clock::systemUTC), budget);
    }

    @Bean
    ObjectNamespace<ChatRoom> rooms(ObjectNamespaces namespaces, ChatFrames frames, RateLimiter limiter, ObjectProvider<Clock> clock) {
        Clock timestamps = clock.getIfAvailable(Clock::systemUTC);
        return namespaces.create("rooms", state -> new ChatRoom(state, frames, limiter, timestamps));
    }

    @Bean
    RouterFunction<ServerResponse> chatRoutes(ObjectNamespace<ChatRoom> rooms, ChatFrames frames, TrustedProxyProperties proxy) throws IOException {
        String page = new ClassPathResource("chat.html").getContentAsString(StandardCharsets.UTF_8);
        ChatWorker worker = new ChatWorker(rooms, frames, new ClientAddresses(proxy.header()), page);
        return RouterFunctions.route(path("/api/room/{name}/websocket"), worker::fetch).andRoute(all(), worker::fetch);
    }

    /**
     * WebFlux answers a CORS preflight ({@code OPTIONS} with {@code Access-Control-Request-Method})
     * itself, before any route. The Worker has no preflight handling, so this filter removes that
     * header and the request reaches the Worker as the plain {@code OPTIONS} it sees: a 405 on
     * {@code /api/room}, with no CORS headers, as in the original.
     * @return the filter
     */
    @Bean
    WebFilter preflightsReachTheWorker() {
        return (exchange, chain) -> CorsUtils.isPreFlightRequest(exchange.getRequest())
                ? chain.filter(exchange.mutate().request(request -> request.headers(headers -> headers.remove(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD))).build())
                : chain.filter(exchange);
    }
}
