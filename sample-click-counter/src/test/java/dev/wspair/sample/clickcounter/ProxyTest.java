package dev.wspair.sample.clickcounter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /proxy} relays a client to the application's own {@code /echo} through an outbound
 * WebSocket, against the running server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProxyTest {

    @LocalServerPort
    private int port;

    @Test
    void messagesGoThroughTheProxyToTheEchoAndBack() throws InterruptedException {
        try (NettyTestSocket socket = NettyTestSocket.connect(this.port, "/proxy")) {
            socket.send("hello through the proxy");
            assertThat(socket.reply()).isEqualTo("hello through the proxy");
            socket.sendBinary("bytes too".getBytes(StandardCharsets.UTF_8));
            assertThat(socket.reply()).isEqualTo("bytes too");
            assertThat(socket.isOpen()).isTrue();
        }
    }

    @Test
    void echoAnswersDirectlyToo() throws InterruptedException {
        try (NettyTestSocket socket = NettyTestSocket.connect(this.port, "/echo")) {
            socket.send("direct");
            assertThat(socket.reply()).isEqualTo("direct");
        }
    }

    @Test
    void proxyWithoutAnUpgradeIsA400() {
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + this.port)
            .responseTimeout(Duration.ofSeconds(10))
            .build()
            .get()
            .uri("/proxy")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody(String.class).isEqualTo("Expected websocket");
    }
}
