package dev.wspair.webflux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.wspair.Coupling;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;

/**
 * Turns inbound frames into whole messages for the accepted end, enforcing the message limit
 * across fragments. Payloads are copied out of Netty's buffers, which Reactor Netty releases.
 */
final class InboundAssembler {

    /** Reports a message over the limit; the caller sends Close 1009 and stops reading. */
    interface TooLarge {
        void exceeded(long size, long limit);
    }

    private final Coupling coupling;

    private final long maxMessageSize;

    private final TooLarge tooLarge;

    private final ConnectionObservation observation;

    private @Nullable ByteArrayOutputStream fragments;

    private boolean fragmentedText;

    private boolean stopped;

    InboundAssembler(Coupling coupling, long maxMessageSize, TooLarge tooLarge, ConnectionObservation observation) {
        this.coupling = coupling;
        this.maxMessageSize = maxMessageSize;
        this.tooLarge = tooLarge;
        this.observation = observation;
    }

    void accept(WebSocketFrame frame) {
        if (this.stopped) {
            return;
        }
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            boolean text = frame instanceof TextWebSocketFrame;
            if (frame.isFinalFragment()) {
                deliver(text, frame.content());
            }
            else {
                this.fragments = new ByteArrayOutputStream();
                this.fragmentedText = text;
                append(frame.content());
            }
        }
        else if (frame instanceof ContinuationWebSocketFrame && this.fragments != null) {
            append(frame.content());
            if (frame.isFinalFragment() && !this.stopped) {
                byte[] bytes = this.fragments.toByteArray();
                this.fragments = null;
                this.observation.received(this.fragmentedText, bytes.length);
                if (this.fragmentedText) {
                    this.coupling.text(new String(bytes, StandardCharsets.UTF_8));
                }
                else {
                    this.coupling.binary(bytes);
                }
            }
        }
    }

    private void deliver(boolean text, ByteBuf content) {
        this.observation.received(text, content.readableBytes());
        if (text) {
            this.coupling.text(content.toString(StandardCharsets.UTF_8));
        }
        else {
            this.coupling.binary(ByteBufUtil.getBytes(content));
        }
    }

    private void append(ByteBuf content) {
        ByteArrayOutputStream buffer = this.fragments;
        long size = (long) buffer.size() + content.readableBytes();
        if (size > this.maxMessageSize) {
            this.stopped = true;
            this.fragments = null;
            this.tooLarge.exceeded(size, this.maxMessageSize);
            return;
        }
        buffer.writeBytes(ByteBufUtil.getBytes(content));
    }
}
