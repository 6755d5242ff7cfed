package dev.wspair.webflux;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.testing.EchoWorker;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the outbound pipeline flushes, counted on the server's socket: replies to frames read in
 * one burst leave together, as Reactor Netty's own echo sends them, not one flush (one system
 * call, one TCP segment) per frame.
 */
@ExtendWith(NoLeaks.class)
class OutboundFlushTests {

    private static final int BURST = 16;

    private final AtomicInteger flushes = new AtomicInteger();

    @Test
    void repliesToFramesReadInOneBurstLeaveInFewerFlushesThanFrames() throws Exception {
        try (TestServer server = TestServer.start(WebSocketSettings.defaults(), new EchoWorker().routes(), this::countingFlushes);
                RawWebSocket client = RawWebSocket.open(server.port(), "/echo")) {
            assertThat(client.readFrame().text()).isEqualTo("hello");
            this.flushes.set(0);
            byte[][] burst = new byte[BURST][];
            for (int i = 0; i < BURST; i++) {
                burst[i] = RawWebSocket.encode(0x80 | RawWebSocket.TEXT, true, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            client.writeTogether(burst);
            for (int i = 0; i < BURST; i++) {
                assertThat(client.readFrame().text()).isEqualTo("echo:m" + i);
            }
            assertThat(this.flushes.get()).isBetween(1, BURST / 2);
        }
    }

    private HttpServer countingFlushes(HttpServer server) {
        return server.doOnConnection(connection -> connection.channel().pipeline().addFirst("test.flushes", new ChannelOutboundHandlerAdapter() {

            @Override
            public void flush(ChannelHandlerContext ctx) throws Exception {
                OutboundFlushTests.this.flushes.incrementAndGet();
                super.flush(ctx);
            }
        }));
    }
}
