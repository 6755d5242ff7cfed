package dev.wspair.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.WebSocket;
import dev.wspair.testing.EchoWorker;
import dev.wspair.testing.JdkClient;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.PlainUpstream;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import dev.wspair.webflux.WebSocketResponse;
import dev.wspair.webflux.WebSocketSettings;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * A client that stops reading behind a proxy: the proxy stops reading the upstream, so the
 * upstream is held back through TCP, the proxy's queue never reaches its limit (the overflow policy
 * would close the client with 1008), and everything arrives in order once the client reads again.
 */
@ExtendWith(NoLeaks.class)
class ProxyBackpressureTests {

    private static final int MESSAGES = 8192;

    private static final int SMALL_BUFFER = 16 * 1024;

    private final PlainUpstream flood = PlainUpstream.flooding(MESSAGES);

    private final EchoWorker echo = new EchoWorker();

    private final TestServer echoUpstream = TestServer.start(WebSocketSettings.defaults(), this.echo.routes());

    /** Reads the upstream through a small receive buffer, so that pausing shows within kilobytes. */
    private final WebSocketClient client = WebSocketClient.builder()
        .httpClient(HttpClient.newConnection().option(ChannelOption.SO_RCVBUF, SMALL_BUFFER))
        .build();

    /** Queues at most 256 KiB per connection; it pauses the other side at half of that. */
    private final TestServer proxy = TestServer.start(
            WebSocketSettings.builder().maxQueuedBytes(256 * 1024).maxQueuedMessages(1024).build(),
            RouterFunctions.route(path("/proxy"), request -> relay(this.flood.httpUrl("/flood")))
                .and(RouterFunctions.route(path("/echo"), request -> relay("http://127.0.0.1:" + this.echoUpstream.port() + "/echo"))),
            server -> server.childOption(ChannelOption.SO_SNDBUF, SMALL_BUFFER));

    private Mono<ServerResponse> relay(String url) {
        return this.client.fetch(url).flatMap(response -> {
            WebSocket socket = response.webSocket();
            return (socket != null) ? WebSocketResponse.of(socket) : ServerResponse.status(response.status()).build();
        });
    }

    @AfterEach
    void stop() {
        this.proxy.close();
        this.echoUpstream.close();
        this.flood.close();
    }

    @Test
    void slowClientHoldsTheUpstreamBackWhileOtherConnectionsWork() throws Exception {
        try (RawWebSocket slow = RawWebSocket.open(this.proxy.port(), "/proxy", SMALL_BUFFER)) {
            int stalled = awaitUpstreamStall();
            assertThat(stalled).as("messages the upstream could send while the client did not read").isLessThan(MESSAGES / 4);

            JdkClient healthy = JdkClient.connect(this.proxy.url("/echo"));
            healthy.socket.sendText("still here", true).get(10, TimeUnit.SECONDS);
            assertThat(healthy.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
            assertThat(healthy.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:still here");

            for (int i = 0; i < MESSAGES; i++) {
                RawWebSocket.Frame frame = slow.readFrame();
                assertThat(frame.opcode()).isEqualTo(RawWebSocket.TEXT);
                assertThat(frame.text()).isEqualTo(PlainUpstream.message(i));
            }
            RawWebSocket.Frame close = slow.readFrame();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).as("the upstream's close, not the proxy's overflow policy (1008)").isEqualTo(1000);
            assertThat(close.closeReason()).isEqualTo("done");
        }
        assertThat(this.flood.emitted()).isEqualTo(MESSAGES);
    }

    /** Waits until the upstream has sent nothing new for 600 ms and returns how much it sent. */
    private int awaitUpstreamStall() {
        AtomicInteger last = new AtomicInteger(-1);
        AtomicInteger unchanged = new AtomicInteger();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            int now = this.flood.emitted();
            int before = last.getAndSet(now);
            unchanged.set((now > 0 && now == before) ? unchanged.get() + 1 : 0);
            return unchanged.get() >= 2;
        });
        return last.get();
    }
}
