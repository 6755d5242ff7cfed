package dev.wspair.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.wspair.ClientHandshake;
import dev.wspair.Coupling;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.webflux.SessionBridge;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketSettings;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import org.springframework.http.HttpHeaders;

/**
 * Opens WebSockets to other servers on a Reactor Netty {@link HttpClient}, the two ways a Worker
 * does:
 *
 * <pre>{@code
 * // fetch(url, {headers: {Upgrade: "websocket"}}): accept the socket, or return it to proxy
 * client.fetch("https://example.com/ws", headers).map(response -> {
 *     WebSocket ws = response.webSocket();      // null unless the status is 101
 *     ws.accept();
 *     ws.addEventListener(MESSAGE, event -> log.info("got {}", event.text()));
 *     ws.send("hello");
 *     return ws;
 * });
 *
 * // new WebSocket(url, protocols): connecting at once, accepted automatically on open
 * WebSocket ws = client.connect("wss://example.com/ws", "chat");
 * ws.addEventListener(OPEN, event -> ws.send("hello"));
 * }</pre>
 *
 * A socket of either kind behaves like a pair end whose peer is the server: messages, close codes
 * and reasons, 1006 on a lost connection and 1009 on an oversized message, with the limits and the
 * bounded outbound queue of the {@link WebSocketSettings}. Nothing is read from the server until
 * the socket is accepted or returned, so a server cannot fill memory meanwhile. A socket returned
 * in a response relays both ways with backpressure: while one side reads too slowly, the other
 * side's connection is not read.
 */
public final class WebSocketClient {

    private static final Logger logger = LoggerFactory.getLogger(WebSocketClient.class);

    /** Workers strips these, or sets them itself; wspair leaves them to Reactor Netty. */
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol");

    private final HttpClient httpClient;

    private final WebSocketSettings settings;

    private final Duration connectTimeout;

    private final Duration handshakeTimeout;

    private final WebSocketConnections connections = new WebSocketConnections();

    private WebSocketClient(Builder builder) {
        this.settings = builder.settings;
        this.connectTimeout = builder.connectTimeout;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.httpClient = builder.httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) builder.connectTimeout.toMillis());
    }

    /**
     * A client on {@code HttpClient.newConnection()} (Reactor Netty's shared event loops, a
     * connection of its own for every socket) with default settings.
     * @return the client
     */
    public static WebSocketClient create() {
        return builder().build();
    }

    /**
     * A builder starting from {@code HttpClient.newConnection()}, default settings and 10 s timeouts.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Workers' {@code new WebSocket(url)} on a client with default settings shared by the process;
     * see {@link #connect(String)}. In a Spring Boot application, call {@code connect} on the
     * auto-configured client instead, which carries the {@code wspair.client.*} settings.
     * @param url a {@code ws} or {@code wss} URL
     * @return the connecting socket
     * @throws IllegalArgumentException with Workers' text for an invalid URL
     */
    public static WebSocket newWebSocket(String url) {
        return Defaults.CLIENT.connect(url);
    }

    /**
     * Workers' {@code new WebSocket(url, protocol)} on a client with default settings shared by the
     * process; see {@link #connect(String, String)}.
     * @param url a {@code ws} or {@code wss} URL
     * @param protocol the sub-protocol to ask for
     * @return the connecting socket
     * @throws IllegalArgumentException with Workers' text for an invalid URL or protocol
     */
    public static WebSocket newWebSocket(String url, String protocol) {
        return Defaults.CLIENT.connect(url, protocol);
    }

    /**
     * Workers' {@code new WebSocket(url, protocols)} on a client with default settings shared by
     * the process; see {@link #connect(String, List)}.
     * @param url a {@code ws} or {@code wss} URL
     * @param protocols the sub-protocols to offer, in order of preference
     * @return the connecting socket
     * @throws IllegalArgumentException with Workers' text for an invalid URL or protocols
     */
    public static WebSocket newWebSocket(String url, List<String> protocols) {
        return Defaults.CLIENT.connect(url, protocols);
    }

    /**
     * The connection settings.
     * @return the Reactor Netty client, with the connect timeout applied
     */
    public HttpClient httpClient() {
        return this.httpClient;
    }

    /**
     * The limits and queue of the connections this client opens.
     * @return the settings
     */
    public WebSocketSettings settings() {
        return this.settings;
    }

    /**
     * How long establishing the TCP connection may take.
     * @return the timeout
     */
    public Duration connectTimeout() {
        return this.connectTimeout;
    }

    /**
     * How long the server may take to answer the upgrade request once connected.
     * @return the timeout
     */
    public Duration handshakeTimeout() {
        return this.handshakeTimeout;
    }

    /**
     * The registry of the open connections this client opened, listed by URL; its
     * {@link WebSocketConnections#shutdown shutdown} closes them with 1001.
     * @return the registry
     */
    public WebSocketConnections connections() {
        return this.connections;
    }

    /**
     * {@link #fetch(String, HttpHeaders)} without extra headers.
     * @param url an {@code http} or {@code https} URL
     * @return the response, or an error if the server could not be reached
     */
    public Mono<UpgradeResponse> fetch(String url) {
        return fetch(url, new HttpHeaders());
    }

    /**
     * Sends an upgrade request, as a Worker's {@code fetch(url, {headers: {Upgrade: "websocket"}})}.
     * The headers go with the request (authorization, cookies, {@code Sec-WebSocket-Protocol} with
     * the sub-protocols to offer); the handshake headers are the client's own, and
     * {@code Sec-WebSocket-Extensions} is dropped as Workers does without its compression flag
     * (compression follows {@link WebSocketSettings#compression()}).
     * <p>On {@code 101} the response carries a {@link WebSocket} in the state of a fresh pair end:
     * {@code accept()} it, or return it in {@code WebSocketResponse.of(...)} to proxy a client
     * through. Any other status gives a response with its status, headers and body, and no socket.
     * Nothing happens until the {@code Mono} is subscribed; cancelling it before the answer drops the
     * connection.
     * @param url an {@code http} or {@code https} URL, as in Workers
     * @param headers the request headers
     * @return the response, or a {@link WebSocketConnectException} naming the URL if the server
     * could not be reached or did not answer in time, or an {@link IllegalArgumentException}
     * {@code "Fetch API cannot load: <url>"} for a URL that is not {@code http}/{@code https}
     * (Workers' text) or {@code "Invalid URL: <url>"} for one that does not parse (wspair's text)
     */
    public Mono<UpgradeResponse> fetch(String url, HttpHeaders headers) {
        return Mono.defer(() -> {
            URI uri = Arguments.fetchUri(url);
            List<String> offered = headers.getValuesAsList("Sec-WebSocket-Protocol");
            String protocols = offered.isEmpty() ? null : String.join(", ", offered);
            return Mono.create(sink -> {
                WebSocketPair pair = new WebSocketPair();
                Coupling upstream = Coupling.claim(pair.server());
                sink.onCancel(open(uri, headers, protocols, new Outcome() {

                    @Override
                    public Mono<Void> switched(WebsocketInbound in, WebsocketOutbound out, HttpHeaders responseHeaders) {
                        Mono<Void> session = bridge(upstream, uri).apply(in, out);
                        sink.success(UpgradeResponse.switched(responseHeaders, pair.client()));
                        return session;
                    }

                    @Override
                    public void refused(HandshakeWatch.Refusal refusal) {
                        sink.success(UpgradeResponse.refused(refusal.status(), refusal.headers(), refusal.body()));
                    }

                    @Override
                    public void failed(WebSocketConnectException error) {
                        sink.error(error);
                    }
                }));
            });
        });
    }

    /**
     * Opens a socket, as Workers' {@code new WebSocket(url)}: it is returned at once with
     * readyState 0 ({@code CONNECTING}) and {@link WebSocket#url()} set. When the server answers
     * {@code 101} the socket is accepted automatically and fires {@code open};
     * {@link WebSocket#protocol()} and {@link WebSocket#extensions()} then hold the negotiated values
     * ({@code null} if none). If the handshake fails it fires an error event, then a close event 1006
     * {@code "Failed to establish websocket connection"} with {@code wasClean == false}; for a status
     * other than {@code 101} the error is Workers' {@code "Failed to establish the WebSocket
     * connection: expected server to reply with HTTP status code 101 (switching protocols), but
     * received <status> instead."}, otherwise a {@link WebSocketConnectException} naming the URL.
     * As in Workers, it cannot be {@code accept()}ed while connecting (accepting it after
     * {@code open} is a no-op), cannot be returned in a response, and {@code close()} while
     * connecting cancels the handshake.
     * <p>Listeners added right after this call hear every event, as listeners added in the
     * constructor's turn do in Workers, even when the handshake ended before they were added (a
     * refused connection can fail before this method returns): until a type has its first
     * listener, the socket keeps that type's events ({@code open}, messages up to 1024 and 1 MiB,
     * {@code error}, {@code close}) and hands them to that listener in a later task, in the order
     * they happened.
     * @param url a {@code ws} or {@code wss} URL without fragment; user info is not sent
     * @return the connecting socket
     * @throws IllegalArgumentException {@code "WebSocket Constructor: The url is invalid."},
     * {@code "WebSocket Constructor: The url scheme must be ws or wss."} or
     * {@code "WebSocket Constructor: The url fragment must be empty."}
     */
    public WebSocket connect(String url) {
        return connect(url, Arguments.webSocketUri(url), null);
    }

    /**
     * {@link #connect(String)} asking for one sub-protocol, as {@code new WebSocket(url, "chat")}.
     * A server that answers without choosing it fails the handshake (Reactor Netty requires the
     * choice; RFC 6455 and browsers allow declining).
     * @param url a {@code ws} or {@code wss} URL
     * @param protocol an RFC 6455 token
     * @return the connecting socket
     * @throws IllegalArgumentException as {@link #connect(String)}, or
     * {@code "WebSocket Constructor: The protocol header token is invalid."}
     */
    public WebSocket connect(String url, String protocol) {
        URI uri = Arguments.webSocketUri(url);
        return connect(url, uri, Arguments.protocol(protocol));
    }

    /**
     * {@link #connect(String)} offering sub-protocols, as {@code new WebSocket(url, ["a", "b"])};
     * an empty list offers none. A server that chooses none of them fails the handshake (see
     * {@link #connect(String, String)}).
     * @param url a {@code ws} or {@code wss} URL
     * @param protocols RFC 6455 tokens, without repeats, sent as {@code Sec-WebSocket-Protocol: a, b}
     * @return the connecting socket
     * @throws IllegalArgumentException as {@link #connect(String)}, or
     * {@code "WebSocket Constructor: One of the protocol header tokens is invalid."} or
     * {@code "WebSocket Constructor: The protocols header cannot have repeating values."}
     */
    public WebSocket connect(String url, List<String> protocols) {
        URI uri = Arguments.webSocketUri(url);
        return connect(url, uri, Arguments.protocols(protocols));
    }

    private WebSocket connect(String url, URI uri, @Nullable String protocols) {
        Disposable.Swap connection = Disposables.swap();
        ClientHandshake handshake = ClientHandshake.begin(url, connection::dispose);
        connection.update(open(uri, new HttpHeaders(), protocols, new Outcome() {

            @Override
            public Mono<Void> switched(WebsocketInbound in, WebsocketOutbound out, HttpHeaders responseHeaders) {
                Mono<Void> session = bridge(handshake.coupling(), uri).apply(in, out);
                if (!handshake.opened(in.selectedSubprotocol(), responseHeaders.getFirst("Sec-WebSocket-Extensions"))) {
                    in.withConnection(Connection::dispose);
                    return Mono.empty();
                }
                return session;
            }

            @Override
            public void refused(HandshakeWatch.Refusal refusal) {
                handshake.failed(new WebSocketConnectException("Failed to establish the WebSocket connection: expected server to reply with HTTP "
                        + "status code 101 (switching protocols), but received " + refusal.status() + " instead."));
            }

            @Override
            public void failed(WebSocketConnectException error) {
                handshake.failed(error);
            }
        }));
        return handshake.socket();
    }

    private SessionBridge bridge(Coupling coupling, URI uri) {
        return new SessionBridge(coupling, this.settings, Arguments.forLogs(uri), this.connections);
    }

    /** Sends the upgrade request; exactly one of the outcome's methods runs. */
    private Disposable open(URI uri, HttpHeaders headers, @Nullable String protocols, Outcome outcome) {
        AtomicReference<@Nullable HandshakeWatch> watch = new AtomicReference<>();
        AtomicBoolean switched = new AtomicBoolean();
        WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder()
            .maxFramePayloadLength((int) this.settings.maxFrameSize())
            .compress(this.settings.compression())
            .handlePing(false);
        if (protocols != null) {
            spec.protocols(protocols);
        }
        return this.httpClient
            .headers(request -> headers.forEach((name, values) -> {
                if (!HANDSHAKE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    request.add(name, values);
                }
            }))
            .doOnRequest((request, connection) -> watch.set(HandshakeWatch.install(connection, this.handshakeTimeout)))
            .websocket(spec.build())
            .uri(uri)
            .handle((in, out) -> {
                switched.set(true);
                HttpHeaders responseHeaders = new HttpHeaders();
                in.headers().forEach(header -> responseHeaders.add(header.getKey(), header.getValue()));
                return outcome.switched(in, out, responseHeaders);
            })
            .subscribe(null, error -> {
                if (switched.get()) {
                    logger.debug("Connection to {} ended with an error", Arguments.forLogs(uri), error);
                    return;
                }
                HandshakeWatch seen = watch.get();
                HandshakeWatch.Refusal refusal = (seen != null) ? seen.refusal() : null;
                if (refusal != null) {
                    outcome.refused(refusal);
                }
                else {
                    outcome.failed(describe(uri, error, seen));
                }
            });
    }

    private WebSocketConnectException describe(URI uri, Throwable error, @Nullable HandshakeWatch watch) {
        String prefix = "Could not open a WebSocket to " + Arguments.forLogs(uri) + ": ";
        if (watch != null && watch.timedOut()) {
            return new WebSocketConnectException(prefix + "no answer to the handshake within " + this.handshakeTimeout.toMillis() + " ms", error);
        }
        return new WebSocketConnectException(prefix + error.getMessage(), error);
    }

    /** What became of an upgrade request. */
    private interface Outcome {

        /** The server answered {@code 101}; returns the session to run on the connection. */
        Mono<Void> switched(WebsocketInbound in, WebsocketOutbound out, HttpHeaders responseHeaders);

        void refused(HandshakeWatch.Refusal refusal);

        void failed(WebSocketConnectException error);
    }

    private static final class Defaults {

        static final WebSocketClient CLIENT = create();
    }

    /** Builds a {@link WebSocketClient}. */
    public static final class Builder {

        private HttpClient httpClient = HttpClient.newConnection();

        private WebSocketSettings settings = WebSocketSettings.defaults();

        private Duration connectTimeout = Duration.ofSeconds(10);

        private Duration handshakeTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * Sets the Reactor Netty client to connect with: its resources, TLS, proxy and resolver
         * settings apply. Prefer one without a connection pool ({@code HttpClient.newConnection()}):
         * a socket holds its connection for its whole life, so a pool would cap the sockets open
         * to one host and make further upgrades wait for a free connection.
         * @param httpClient the client
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Sets the limits and queue of the connections: message and frame size, compression, outbound
         * queue and close timeout.
         * @param settings the settings
         * @return this builder
         */
        public Builder settings(WebSocketSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Sets how long establishing the TCP connection may take.
         * @param timeout positive, at most {@link Integer#MAX_VALUE} milliseconds
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            if (timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("connectTimeout must be at most " + Integer.MAX_VALUE + " ms, but was " + timeout);
            }
            return this;
        }

        /**
         * Sets how long the server may take to answer the upgrade request once connected.
         * @param timeout positive
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        private static Duration positive(Duration timeout, String name) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + timeout);
            }
            return timeout;
        }

        /**
         * Builds the client.
         * @return the client
         */
        public WebSocketClient build() {
            return new WebSocketClient(this);
        }
    }
}
