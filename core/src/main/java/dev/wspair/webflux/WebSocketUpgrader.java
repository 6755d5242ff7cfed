package dev.wspair.webflux;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.wspair.Coupling;
import dev.wspair.WebSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Performs the WebSocket handshake for a returned end and couples the end to the connection, as
 * Workers does when a {@code 101} response carrying an end is sent. A request that is no valid
 * handshake gets a 4xx with a plain-text reason, a foreign origin {@code 403}, a handshake over the
 * {@link ConnectionLimits} or during shutdown {@code 503} with {@code Retry-After}; in each case
 * the accepted end gets a close event 1006.
 */
public final class WebSocketUpgrader {

    /** The route of a connection upgraded by a handler matched without a path pattern. */
    public static final String UNKNOWN_ROUTE = "UNKNOWN";

    private static final Logger logger = LoggerFactory.getLogger(WebSocketUpgrader.class);

    private final WebSocketSettings settings;

    private final WebsocketServerSpec spec;

    private final WebSocketConnections connections;

    private final WebSocketObserver observer;

    private final AddressLimiter limiter;

    /**
     * Creates an upgrader with its own connection registry and no observer.
     * @param settings the limits and options
     */
    public WebSocketUpgrader(WebSocketSettings settings) {
        this(settings, new WebSocketConnections(), WebSocketObserver.NONE);
    }

    /**
     * Creates an upgrader.
     * @param settings the limits and options
     * @param connections the registry the upgraded connections are listed in
     * @param observer told about every connection, for metrics
     */
    public WebSocketUpgrader(WebSocketSettings settings, WebSocketConnections connections, WebSocketObserver observer) {
        this.settings = settings;
        this.spec = serverSpec(settings).build();
        this.connections = connections;
        this.observer = observer;
        this.limiter = new AddressLimiter(settings.limits());
    }

    /**
     * A Spring {@link WebSocketService} with the same frame limit and compression, for plain
     * {@code WebSocketHandler}s served next to wspair routes; Netty answers pings itself.
     * @param settings the limits and options
     * @return the service
     */
    public static WebSocketService webSocketService(WebSocketSettings settings) {
        return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(() -> serverSpec(settings)));
    }

    private static WebsocketServerSpec.Builder serverSpec(WebSocketSettings settings) {
        return WebsocketServerSpec.builder()
            .maxFramePayloadLength((int) settings.maxFrameSize())
            .compress(settings.compression())
            .handlePing(false);
    }

    /**
     * The settings connections are served with.
     * @return the settings
     */
    public WebSocketSettings settings() {
        return this.settings;
    }

    /**
     * The registry of the connections this upgrader opened.
     * @return the registry
     */
    public WebSocketConnections connections() {
        return this.connections;
    }

    /**
     * Upgrades the exchange's connection and couples it to the end.
     * @param exchange the upgrade request
     * @param client the end to return to the client
     * @return completes when the handshake was answered
     * @throws IllegalStateException with Workers' text if the end was accepted or already returned
     */
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocket client) {
        return upgrade(exchange, Coupling.claim(client));
    }

    Mono<Void> upgrade(ServerWebExchange exchange, Coupling coupling) {
        String route = routeOf(exchange);
        ServerHttpRequest request = exchange.getRequest();
        HandshakeCheck rejection = HandshakeCheck.reject(request);
        if (rejection != null) {
            logger.debug("Refused a WebSocket handshake for {} on route {}: {}", request.getPath(), route, rejection.reason());
            return refuse(exchange, coupling, route, "bad-request", rejection, 0);
        }
        if (!this.connections.isAccepting()) {
            return refuse(exchange, coupling, route, "shutdown", new HandshakeCheck(HttpStatus.SERVICE_UNAVAILABLE, "The server is shutting down"), 5);
        }
        String address = addressOf(request);
        String origin = request.getHeaders().getOrigin();
        OriginPolicy originPolicy = this.settings.originPolicy();
        if (!originPolicy.allows(origin, request.getHeaders().getFirst(HttpHeaders.HOST), "https".equals(request.getURI().getScheme()) || request.getSslInfo() != null)) {
            logger.warn("Refused a WebSocket handshake for {} on route {} from {}: origin {} is not allowed by {}", request.getPath(), route, address,
                    (origin != null) ? "'" + origin + "'" : "(none)", originPolicy);
            return refuse(exchange, coupling, route, "origin", new HandshakeCheck(HttpStatus.FORBIDDEN, "This origin may not open WebSockets here"), 0);
        }
        AddressLimiter.Refusal refusal = this.limiter.acquire(address);
        if (refusal != null) {
            logger.warn("Refused a WebSocket handshake for {} on route {} from {}: {}", request.getPath(), route, address, refusal.message);
            return refuse(exchange, coupling, route, refusal.tag, new HandshakeCheck(HttpStatus.SERVICE_UNAVAILABLE, refusal.message), refusal.retryAfterSeconds);
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                this.limiter.release(address);
            }
        };
        SessionBridge bridge = new SessionBridge(coupling, this.settings, route, this.connections, this.observer, release);
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse nettyResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        return onEventLoop(nettyResponse, response.setComplete().then(Mono.defer(() -> nettyResponse.sendWebsocket(bridge, this.spec))))
            .doOnError(ex -> {
                logger.debug("WebSocket handshake on route {} failed", route, ex);
                if (!bridge.started()) {
                    release.run();
                    coupling.handshakeFailed();
                }
            })
            .doOnCancel(() -> {
                if (!bridge.started()) {
                    release.run();
                    coupling.handshakeFailed();
                }
            });
    }

    /**
     * Runs the handshake on the connection's event loop. A response produced on another thread (a
     * Durable Object's, say) would otherwise switch the connection to WebSocket framing off the
     * loop, and a frame the client sends right after the {@code 101} could reach the HTTP codec.
     */
    private static Mono<Void> onEventLoop(HttpServerResponse nettyResponse, Mono<Void> handshake) {
        if (nettyResponse instanceof Connection connection && !connection.channel().eventLoop().inEventLoop()) {
            return handshake.subscribeOn(Schedulers.fromExecutor(connection.channel().eventLoop()));
        }
        return handshake;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Coupling coupling, String route, String reason, HandshakeCheck answer, int retryAfterSeconds) {
        this.observer.rejected(route, reason);
        coupling.handshakeFailed();
        if (retryAfterSeconds > 0) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        return reject(exchange.getResponse(), answer);
    }

    private static String addressOf(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static Mono<Void> reject(ServerHttpResponse response, HandshakeCheck rejection) {
        response.setStatusCode(rejection.status());
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        if (rejection.status() == HttpStatus.METHOD_NOT_ALLOWED) {
            response.getHeaders().setAllow(Set.of(HttpMethod.GET));
        }
        if (rejection.status() == HttpStatus.UPGRADE_REQUIRED) {
            response.getHeaders().set("Sec-WebSocket-Version", HandshakeCheck.VERSION);
        }
        byte[] body = rejection.reason().getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /**
     * The route template that matched, for logs, meters and the connection list: a router or
     * controller pattern, else {@value #UNKNOWN_ROUTE} (as Spring's {@code uri} tag), never the raw
     * path, which would give every path a series of its own.
     */
    static String routeOf(ServerWebExchange exchange) {
        Object pattern = exchange.getAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        }
        return (pattern instanceof PathPattern pathPattern) ? pathPattern.getPatternString() : UNKNOWN_ROUTE;
    }

    /**
     * The upgrader of the application context the exchange belongs to, or one with default settings.
     * @param exchange the exchange
     * @return the upgrader to use
     */
    static WebSocketUpgrader of(ServerWebExchange exchange) {
        var context = exchange.getApplicationContext();
        @Nullable WebSocketUpgrader upgrader = (context != null) ? context.getBeanProvider(WebSocketUpgrader.class).getIfAvailable() : null;
        return (upgrader != null) ? upgrader : Defaults.UPGRADER;
    }

    private static final class Defaults {

        static final WebSocketUpgrader UPGRADER = new WebSocketUpgrader(WebSocketSettings.defaults());
    }
}
