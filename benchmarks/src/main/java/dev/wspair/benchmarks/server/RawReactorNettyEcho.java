package dev.wspair.benchmarks.server;

import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** Reactor Netty's WebSocket echo: every frame but a Pong goes straight back, retained. */
final class RawReactorNettyEcho {

    private RawReactorNettyEcho() {
    }

    static DisposableServer start(HttpServer base) {
        return base.route(routes -> routes.ws(Contender.ECHO_PATH, (in, out) -> {
            in.withConnection(Guards::install);
            return out.sendObject(in.receiveFrames()
                .filter(frame -> !(frame instanceof PongWebSocketFrame))
                .map(WebSocketFrame::retain));
        }, BenchSettings.spec())).bindNow();
    }
}
