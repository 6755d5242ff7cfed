package dev.wspair.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.wspair.testing.JdkClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat member on the JDK's WebSocket client ({@link JdkClient}): it connects to a room, sends
 * frames and waits, never longer than {@link #TIMEOUT}, for the frames and the close the server
 * sends.
 */
final class ChatClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final JdkClient client;

    private ChatClient(JdkClient client) {
        this.client = client;
    }

    static ChatClient connect(int port, String room) throws Exception {
        return new ChatClient(JdkClient.connect(url(port, room)));
    }

    /** Connects with an extra handshake header, as a reverse proxy would add one. */
    static ChatClient connect(int port, String room, String header, String value) throws Exception {
        JdkClient client = new JdkClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .header(header, value)
            .buildAsync(URI.create(url(port, room)), client)
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return new ChatClient(client);
    }

    private static String url(int port, String room) {
        return "ws://localhost:" + port + "/api/room/" + room + "/websocket";
    }

    /** Connects and names itself, and reads what arrives up to and including {@code {"ready":true}}. */
    static ChatClient join(int port, String room, String name) throws Exception {
        ChatClient member = connect(port, room);
        member.send("{\"name\":\"" + name + "\"}");
        member.untilReady();
        return member;
    }

    void send(String text) throws Exception {
        this.client.socket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    void sendBinary(byte[] bytes) throws Exception {
        this.client.socket.sendBinary(ByteBuffer.wrap(bytes), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    void say(String message) throws Exception {
        send("{\"message\":\"" + message + "\"}");
    }

    /** The next frame from the server. */
    String next() throws InterruptedException {
        String frame = this.client.messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(frame).as("a frame within %s", TIMEOUT).isNotNull();
        return frame;
    }

    /** The next frames from the server. */
    List<String> next(int count) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(next());
        }
        return frames;
    }

    /** Every frame up to and including {@code {"ready":true}}. */
    List<String> untilReady() throws InterruptedException {
        List<String> frames = new ArrayList<>();
        String frame;
        do {
            frame = next();
            frames.add(frame);
        }
        while (!frame.equals("{\"ready\":true}"));
        return frames;
    }

    /** The frames that arrive within a short time, for asserting that nothing (else) came. */
    List<String> drain(Duration wait) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        String frame = this.client.messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        while (frame != null) {
            frames.add(frame);
            frame = this.client.messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        return frames;
    }

    /** The close the server sent, as "code reason". */
    String closed() throws Exception {
        return this.client.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Drops the TCP connection without a Close frame. */
    void abort() {
        this.client.socket.abort();
    }

    /**
     * Closes with 1000 and waits for the server's answer. Once the server has closed first, the
     * JDK client answers that close itself, so nothing is sent.
     */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            if (!this.client.closed.isDone() && !this.client.socket.isOutputClosed()) {
                sendNormalClosure();
            }
            if (!this.client.socket.isInputClosed()) {
                this.client.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while closing", ex);
        }
    }

    /**
     * Sends 1000. A server close that arrives meanwhile makes the JDK client answer it and close
     * its output first; the send then fails with "Output closed", which is not an error here.
     */
    private void sendNormalClosure() throws ExecutionException, TimeoutException, InterruptedException {
        try {
            this.client.socket.sendClose(1000, "").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof IOException && this.client.closed.isDone())) {
                throw ex;
            }
        }
    }
}
