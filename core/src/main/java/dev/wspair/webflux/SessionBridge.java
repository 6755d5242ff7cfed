package dev.wspair.webflux;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import dev.wspair.CloseCodes;
import dev.wspair.Coupling;
import dev.wspair.DispatchObserver;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;


/**
 * Couples a returned end to one Reactor Netty WebSocket connection, server or client side: inbound
 * frames become messages on the peer, its sends go through one {@link NettyTransport}, and close
 * codes travel unchanged in both directions. Used by {@link WebSocketUpgrader} and by
 * {@code dev.wspair.client}; applications never use it.
 *
 * <p>As in Workers, where a socket's read loop starts in {@code accept()}, the connection is read
 * only once the peer is accepted or coupled to a connection of its own (or once the connection
 * closes, so that the loss is reported). Inbound is never cancelled to close.
 */
public final class SessionBridge implements BiFunction<WebsocketInbound, WebsocketOutbound, Publisher<Void>> {

    private static final Logger logger = LoggerFactory.getLogger(SessionBridge.class);

    private final Coupling coupling;

    private final WebSocketSettings settings;

    private final String route;

    private final WebSocketConnections connections;

    private final WebSocketObserver observer;

    private final Runnable release;

    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * Creates a bridge for a connection this process opened as a client, listed in the client's
     * registry and not observed.
     * @param coupling the claimed end the connection is attached to
     * @param settings the limits
     * @param route the URL, without query or user info, for logs and the registry
     * @param connections the registry of the client's connections
     */
    public SessionBridge(Coupling coupling, WebSocketSettings settings, String route, WebSocketConnections connections) {
        this(coupling, settings, route, connections, WebSocketObserver.NONE, () -> {
        });
    }

    SessionBridge(Coupling coupling, WebSocketSettings settings, String route, WebSocketConnections connections, WebSocketObserver observer,
            Runnable release) {
        this.coupling = coupling;
        this.settings = settings;
        this.route = route;
        this.connections = connections;
        this.observer = observer;
        this.release = release;
    }

    /** Whether the connection was upgraded and handed to this bridge. */
    boolean started() {
        return this.started.get();
    }

    @Override
    public Mono<Void> apply(WebsocketInbound inbound, WebsocketOutbound outbound) {
        this.started.set(true);
        AtomicReference<Connection> connection = new AtomicReference<>();
        inbound.withConnection(connection::set);
        Channel channel = connection.get().channel();
        channel.pipeline()
            .addBefore(NettyPipeline.ReactiveBridge, "wspair.guard", new ProtocolGuard());
        ConnectionObservation observation = this.observer.opened(this.route);
        ServerConnection server = new ServerConnection(this.coupling.socketId(), this.route, addressOf(channel), observation, this.coupling::peerTags);
        NettyTransport transport = new NettyTransport(this.settings, channel, outbound, this.coupling, this.route, server);
        server.transport(transport);
        this.connections.add(server);
        // Nobody to tell about listener time: let dispatch skip the clock.
        DispatchObserver dispatches = (observation != ConnectionObservation.NONE) ? server : DispatchObserver.NONE;
        this.coupling.attach(transport, channel.eventLoop(), channel.eventLoop()::inEventLoop, this.route, dispatches);
        InboundAssembler assembler = new InboundAssembler(this.coupling, this.settings.maxMessageSize(), (size, limit) -> {
            server.ending(CloseCodes.MESSAGE_TOO_BIG);
            this.coupling.tooLarge(size, limit);
            transport.close(CloseCodes.MESSAGE_TOO_BIG, "Message is too large: " + size + " > " + limit);
        }, server);
        KeepAliveTimer keepAlive = new KeepAliveTimer(this.settings.keepAlive(), channel, transport, this.coupling.socketId(), this.route);
        // A later event-loop task, as Workers dispatches in a later turn than accept(): listeners
        // added right after accept() on the event loop see the first message.
        Mono<Void> peerReady = Mono.create(sink -> this.coupling.whenPeerReady(() -> channel.eventLoop().execute(sink::success)));
        Mono<Void> reading = Mono.firstWithSignal(peerReady, connection.get().onDispose())
            .then(new FrameReader(Flux.defer(inbound::receiveFrames), assembler::accept))
            .then(Mono.defer(() -> inbound.receiveCloseStatus()
                .doOnNext(status -> {
                    server.ending(codeOf(status));
                    this.coupling.closed(codeOf(status), status.reasonText());
                })
                .switchIfEmpty(Mono.fromRunnable(() -> {
                    server.ending(CloseCodes.ABNORMAL);
                    this.coupling.lost();
                }))
                .then()))
            .onErrorResume(ex -> {
                onInboundError(server, ex);
                return Mono.empty();
            })
            .doFinally(signal -> {
                keepAlive.cancel();
                transport.stop();
            });
        keepAlive.start(NettyPipeline.ReactiveBridge);
        return Mono.when(reading, transport.run()).doFinally(signal -> {
            this.connections.remove(server);
            this.release.run();
            server.closed((server.closeCode() != 0) ? server.closeCode() : CloseCodes.ABNORMAL);
        });
    }

    private static String addressOf(Channel channel) {
        SocketAddress address = channel.remoteAddress();
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    private static int codeOf(WebSocketCloseStatus status) {
        int code = status.code();
        return (code == -1) ? CloseCodes.NO_STATUS : code;
    }

    private void onInboundError(ServerConnection server, Throwable ex) {
        if (ex instanceof CorruptedWebSocketFrameException corrupted) {
            int code = corrupted.closeStatus().code();
            server.ending(code);
            if (code == CloseCodes.MESSAGE_TOO_BIG) {
                this.coupling.tooLarge(0, this.settings.maxFrameSize());
            }
            else {
                logger.debug("Socket {} on route {} sent an invalid frame; closed with {}", this.coupling.socketId(), this.route, code, ex);
                this.coupling.failed(ex);
            }
        }
        else if (ex instanceof IOException || ex instanceof AbortedException) {
            logger.debug("Socket {} on route {} lost its connection", this.coupling.socketId(), this.route, ex);
            server.ending(CloseCodes.ABNORMAL);
            this.coupling.lost();
        }
        else {
            logger.warn("Socket {} on route {} failed while reading", this.coupling.socketId(), this.route, ex);
            server.ending(CloseCodes.INTERNAL_ERROR);
            this.coupling.failed(ex);
        }
    }
}
