package dev.wspair.sample.clickcounter;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking test client over Spring's {@link ReactorNettyWebSocketClient}: {@code send} queues a
 * frame, {@code reply} waits up to five seconds for the next text frame.
 */
final class NettyTestSocket implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final ReactorNettyWebSocketClient CLIENT = new ReactorNettyWebSocketClient(HttpClient.create());

    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private final Sinks.Many<WebSocketMessage> outbound = Sinks.many().unicast().onBackpressureBuffer();

    private final CompletableFuture<WebSocketSession> session = new CompletableFuture<>();

    private final CompletableFuture<Void> finished;

    private NettyTestSocket(URI uri) {
        this.finished = CLIENT.execute(uri, session -> {
            this.session.complete(session);
            Mono<Void> receiving = session.receive().doOnNext(message -> this.replies.add(message.getPayloadAsText())).then();
            return Mono.when(receiving, session.send(this.outbound.asFlux()));
        }).toFuture();
    }

    static NettyTestSocket connect(int port) {
        return connect(port, "/ws");
    }

    static NettyTestSocket connect(int port, String path) {
        NettyTestSocket socket = new NettyTestSocket(URI.create("ws://localhost:" + port + path));
        socket.session();
        return socket;
    }

    void send(String text) {
        this.outbound.emitNext(session().textMessage(text), Sinks.EmitFailureHandler.FAIL_FAST);
    }

    void sendBinary(byte[] bytes) {
        this.outbound.emitNext(session().binaryMessage(factory -> factory.wrap(bytes)), Sinks.EmitFailureHandler.FAIL_FAST);
    }

    String reply() throws InterruptedException {
        String reply = this.replies.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reply).as("a reply within %s", TIMEOUT).isNotNull();
        return reply;
    }

    boolean isOpen() {
        return session().isOpen();
    }

    /** Closes with 1000 and waits until the server's Close arrived and the connection ended. */
    @Override
    public void close() {
        this.outbound.emitComplete(Sinks.EmitFailureHandler.FAIL_FAST);
        session().close(CloseStatus.NORMAL).block(TIMEOUT);
        this.finished.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private WebSocketSession session() {
        return this.session.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }
}
