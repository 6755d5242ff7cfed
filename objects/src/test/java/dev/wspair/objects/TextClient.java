package dev.wspair.objects;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real JDK WebSocket client that queues every text message it receives and records the close. */
public final class TextClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    final CompletableFuture<String> closed = new CompletableFuture<>();

    private final WebSocket socket;

    private TextClient(URI uri) {
        this.socket = HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, new WebSocket.Listener() {

                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    this.partial.append(data);
                    if (last) {
                        TextClient.this.messages.add(this.partial.toString());
                        this.partial.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    TextClient.this.closed.complete(statusCode + " " + reason);
                    return null;
                }

                @Override
                public void onError(WebSocket webSocket, Throwable error) {
                    TextClient.this.closed.completeExceptionally(error);
                }
            })
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    }

    public static TextClient connect(String url) {
        return new TextClient(URI.create(url));
    }

    /** Sends a text message and waits until the JDK client has handed it to the connection. */
    public void send(String text) {
        this.socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next message, waiting at most 10 s; fails the test if none arrives. */
    public String next() throws InterruptedException {
        String message = this.messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("No message within 10 s");
        }
        return message;
    }

    @Override
    public void close() {
        this.socket.abort();
    }
}
