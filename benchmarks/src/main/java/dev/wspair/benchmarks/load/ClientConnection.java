package dev.wspair.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * One generator connection: sends the upgrade request, checks the {@code 101}, then parses
 * server frames (never masked) and hands whole data frames to the current {@link Behaviour}.
 * Writes made while handling reads are flushed once per read burst. Every method runs on the
 * generator's single event loop, so the state needs no synchronisation.
 */
public final class ClientConnection extends ByteToMessageDecoder {

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int index;

    private final String request;

    private final CompletableFuture<ClientConnection> upgraded = new CompletableFuture<>();

    private final LongQueue stamps = new LongQueue();

    private Behaviour behaviour = Behaviour.IGNORE;

    private boolean open;

    private boolean flushPending;

    private Channel channel;

    ClientConnection(int index, String host, String path) {
        this.index = index;
        this.request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /**
     * This connection's index among those opened together.
     * @return the index
     */
    public int index() {
        return this.index;
    }

    /**
     * Send times of messages still awaiting their echo, oldest first.
     * @return the queue
     */
    public LongQueue stamps() {
        return this.stamps;
    }

    /**
     * The allocator for frames sent on this connection.
     * @return the allocator
     */
    public ByteBufAllocator alloc() {
        return this.channel.alloc();
    }

    /**
     * Switches what this connection does with received messages.
     * @param behaviour the new behaviour
     */
    public void behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /**
     * Writes a frame, flushed at the end of the current read burst; outside a read, use
     * {@link #sendNow}.
     * @param frame a masked frame
     */
    public void send(ByteBuf frame) {
        this.channel.write(frame, this.channel.voidPromise());
        this.flushPending = true;
    }

    /**
     * Writes and flushes a frame.
     * @param frame a masked frame
     */
    public void sendNow(ByteBuf frame) {
        this.channel.writeAndFlush(frame, this.channel.voidPromise());
    }

    /** Flushes writes made with {@link #send} outside a read burst. */
    public void flush() {
        if (this.flushPending) {
            this.flushPending = false;
            this.channel.flush();
        }
    }

    /**
     * Whether the upgrade succeeded and the connection is still open.
     * @return whether it is open
     */
    public boolean isOpen() {
        return this.open && this.channel.isActive();
    }

    CompletableFuture<ClientConnection> upgraded() {
        return this.upgraded;
    }

    void close() {
        if (this.channel != null) {
            this.channel.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.channel = ctx.channel();
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(this.request.getBytes(StandardCharsets.US_ASCII)));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        this.open = false;
        this.upgraded.completeExceptionally(new IllegalStateException("Connection " + this.index + " closed before the upgrade"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        this.upgraded.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!this.open && !readUpgrade(ctx, in)) {
            return;
        }
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int first = in.getUnsignedByte(start);
            int length = in.getUnsignedByte(start + 1) & 0x7f;
            int header = 2;
            if (length == 126) {
                if (in.readableBytes() < 4) {
                    return;
                }
                length = in.getUnsignedShort(start + 2);
                header = 4;
            }
            else if (length == 127) {
                if (in.readableBytes() < 10) {
                    return;
                }
                length = (int) in.getLong(start + 2);
                header = 10;
            }
            if (in.readableBytes() < header + length) {
                return;
            }
            int opcode = first & 0x0f;
            if (opcode == 0x8) {
                ctx.close();
                in.skipBytes(in.readableBytes());
                return;
            }
            if (opcode == 0x1 || opcode == 0x2 || opcode == 0x0) {
                this.behaviour.onMessage(this, in, start + header, length);
            }
            in.readerIndex(start + header + length);
        }
    }

    private boolean readUpgrade(ChannelHandlerContext ctx, ByteBuf in) {
        int end = indexOfHeaderEnd(in);
        if (end < 0) {
            return false;
        }
        String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
        in.readerIndex(end + HEADER_END.length);
        if (!head.startsWith("HTTP/1.1 101")) {
            this.upgraded.completeExceptionally(new IllegalStateException("Upgrade refused: " + head.lines().findFirst().orElse(head)));
            ctx.close();
            return false;
        }
        this.open = true;
        this.upgraded.complete(this);
        return true;
    }

    private static int indexOfHeaderEnd(ByteBuf in) {
        for (int i = in.readerIndex(); i + 3 < in.writerIndex(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r' && in.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        super.channelReadComplete(ctx);
        flush();
    }
}
