package dev.wspair.benchmarks.server;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring's Reactor Netty upgrade, as {@code ReactorNettyRequestUpgradeStrategy} does it with the
 * benchmark's {@link BenchSettings#spec() spec}, plus the {@link Guards} on the connection: Spring
 * gives a handler no access to the Netty channel.
 */
final class GuardedUpgradeStrategy implements RequestUpgradeStrategy {

    private final WebsocketServerSpec spec = BenchSettings.spec();

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        HandshakeInfo handshakeInfo = handshakeInfoFactory.get();
        NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
        return response.setComplete().then(Mono.defer(() -> reactorResponse.sendWebsocket((in, out) -> {
            in.withConnection(Guards::install);
            var session = new ReactorNettyWebSocketSession(in, out, handshakeInfo, bufferFactory, this.spec.maxFramePayloadLength());
            return handler.handle(session);
        }, this.spec)));
    }
}
