package dev.wspair.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.wspair.WebSocketPair;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping a real application closes its idle WebSockets with 1001 at once instead of waiting for them. */
class WebSocketShutdownTests {

    @Test
    void stoppingTheApplicationClosesIdleSocketsWith1001Promptly() throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(EchoApplication.class, "--server.port=0",
                "--spring.main.banner-mode=off", "--server.shutdown=graceful", "--spring.lifecycle.timeout-per-shutdown-phase=30s");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        List<CompletableFuture<Integer>> closes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                }

                @Override
                public void onError(WebSocket webSocket, Throwable error) {
                    closed.completeExceptionally(error);
                }
            }).get(10, TimeUnit.SECONDS);
            closes.add(closed);
        }
        WebSocketConnections connections = context.getBean(WebSocketConnections.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 20);

        long started = System.nanoTime();
        context.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        for (CompletableFuture<Integer> close : closes) {
            assertThat(close.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        }
        assertThat(took).as("shutdown time with 20 idle sockets").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aStoppedContextThatIsStartedAgainAcceptsConnectionsAgain() {
        WebSocketConnections connections = new WebSocketConnections();
        WebSocketShutdown shutdown = new WebSocketShutdown(connections, Duration.ofSeconds(1));
        shutdown.start();
        shutdown.stop();
        assertThat(connections.isAccepting()).isFalse();
        shutdown.start();
        assertThat(connections.isAccepting()).isTrue();
        assertThat(shutdown.isRunning()).isTrue();
    }

    /**
     * Spring's test context cache pauses a context it is not using and restarts it later; the web
     * server keeps running through a pause, so WebSockets must too: the open one stays open and
     * new handshakes succeed after the restart.
     */
    @Test
    void pausingAndRestartingTheContextNeitherClosesSocketsNorRefusesNewOnes() throws Exception {
        try (ConfigurableApplicationContext context = SpringApplication.run(EchoApplication.class, "--server.port=0", "--spring.main.banner-mode=off")) {
            URI url = URI.create("ws://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + "/ws");
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket open = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() {

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);

            context.pause();
            context.restart();

            WebSocket another = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() {
            }).get(10, TimeUnit.SECONDS);
            WebSocketConnections connections = context.getBean(WebSocketConnections.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 2);
            assertThat(closed).isNotDone();
            open.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            another.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        }
    }

    @SpringBootApplication
    static class EchoApplication {

        @Bean
        RouterFunction<ServerResponse> ws() {
            return RouterFunctions.route().GET("/ws", request -> {
                var pair = new WebSocketPair();
                pair.server().accept();
                return WebSocketResponse.of(pair.client());
            }).build();
        }
    }
}
