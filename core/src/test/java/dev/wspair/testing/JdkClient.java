package dev.wspair.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client, collecting text and binary messages and the close it receives. */
public final class JdkClient implements java.net.http.WebSocket.Listener {

    public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    public final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();

    public final CompletableFuture<String> closed = new CompletableFuture<>();

    private final StringBuilder partial = new StringBuilder();

    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();

    public java.net.http.WebSocket socket;

    public static JdkClient connect(String url) throws Exception {
        JdkClient client = new JdkClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create(url), client)
            .get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
        this.partial.append(data);
        if (last) {
            this.messages.add(this.partial.toString());
            this.partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(java.net.http.WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        this.partialBinary.writeBytes(bytes);
        if (last) {
            this.binaries.add(this.partialBinary.toByteArray());
            this.partialBinary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
        this.closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(java.net.http.WebSocket webSocket, Throwable error) {
        this.closed.completeExceptionally(error);
    }
}
