package dev.wspair.sample.clickcounter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same protocol through the JDK's {@link java.net.http.WebSocket}, a client that shares no code
 * with Spring or Netty, including the close handshake.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class JdkClientTest {

    @LocalServerPort
    private int port;

    @Test
    void clickRoundTripAndTheServerEchoesTheClientsClose() throws Exception {
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://localhost:" + this.port + "/ws"), listener)
            .get(5, SECONDS);

        socket.sendText("CLICK", true).get(5, SECONDS);
        long first = Replies.count(listener.reply());
        socket.sendText("CLICK", true).get(5, SECONDS);
        assertThat(Replies.count(listener.reply())).isEqualTo(first + 1);

        socket.sendClose(4000, "bye").get(5, SECONDS);
        assertThat(listener.closed.get(5, SECONDS)).isEqualTo(new Closed(4000, "bye"));
    }

    private record Closed(int code, String reason) {
    }

    /** Collects whole text messages and the close the server sends. */
    private static final class Listener implements WebSocket.Listener {

        private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        private final CompletableFuture<Closed> closed = new CompletableFuture<>();

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.partial.append(data);
            if (last) {
                this.replies.add(this.partial.toString());
                this.partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            this.closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            this.closed.completeExceptionally(error);
        }

        String reply() throws InterruptedException {
            String reply = this.replies.poll(5, SECONDS);
            assertThat(reply).as("a reply within 5 s").isNotNull();
            return reply;
        }
    }
}
