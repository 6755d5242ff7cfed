package dev.wspair.benchmarks.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

/**
 * The protocol guards wspair installs on every connection (UTF-8 validation of text, reserved
 * bits), installed on the raw contenders too so that all of them do the same conformance work.
 */
final class Guards {

    private Guards() {
    }

    static void install(Connection connection) {
        connection.channel().pipeline()
            .addBefore(NettyPipeline.ReactiveBridge, "bench.utf8", new Utf8FrameValidator(true))
            .addBefore(NettyPipeline.ReactiveBridge, "bench.rsv", new ReservedBits());
    }

    /** Fails the connection with 1002 when a frame sets reserved bits. */
    private static final class ReservedBits extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame frame && frame.rsv() != 0) {
                ReferenceCountUtil.release(msg);
                ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, "Reserved bits set"));
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
