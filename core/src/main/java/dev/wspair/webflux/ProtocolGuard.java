package dev.wspair.webflux;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The RFC 6455 checks Reactor Netty leaves out, placed after the frame decoder (and the deflate
 * decoder, if any): reserved bits must be clear (1002), a received Close frame must carry a code
 * below 5000 (Netty's decoder already fails the connection, without a Close frame, for the other
 * invalid codes and for a reason that is not UTF-8), and once a violation was found no later frame is processed,
 * so a Ping queued behind it is not answered. Netty's {@code Utf8FrameValidator} in front of it
 * checks text messages (1007).
 */
final class ProtocolGuard extends ChannelInboundHandlerAdapter {

    private boolean violated;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (this.violated) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof WebSocketFrame frame) {
            if (frame.rsv() != 0) {
                violation(ctx, frame, WebSocketCloseStatus.PROTOCOL_ERROR, "Reserved bits set without an extension that defines them");
                return;
            }
            if (frame instanceof CloseWebSocketFrame close && !checkClose(ctx, close)) {
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private boolean checkClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        ByteBuf payload = close.content();
        if (payload.readableBytes() == 0) {
            return true;
        }
        if (payload.readableBytes() == 1) {
            violation(ctx, close, WebSocketCloseStatus.PROTOCOL_ERROR, "A Close frame body must hold a two-byte code");
            return false;
        }
        int code = payload.getUnsignedShort(payload.readerIndex());
        if (!isValidReceivedCode(code)) {
            violation(ctx, close, WebSocketCloseStatus.PROTOCOL_ERROR, "Invalid close code " + code);
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(payload.nioBuffer(payload.readerIndex() + 2, payload.readableBytes() - 2));
        }
        catch (CharacterCodingException ex) {
            violation(ctx, close, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "Close reason is not valid UTF-8");
            return false;
        }
        return true;
    }

    /** Codes a peer may send (RFC 6455 §7.4 and the IANA registry): 1000–1003, 1007–1014, 3000–4999. */
    static boolean isValidReceivedCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            this.violated = true;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void violation(ChannelHandlerContext ctx, WebSocketFrame frame, WebSocketCloseStatus status, String reason) {
        this.violated = true;
        frame.release();
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), reason)).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(status, reason));
    }
}
