package dev.wspair.sample.clickcounter;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain HTTP side of the Worker's {@code fetch}, against the running server: the page, the
 * 400 for a request to {@code /ws} that is no WebSocket upgrade, and the plain-text 404.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HttpRoutesTest {

    @LocalServerPort
    private int port;

    private WebTestClient http;

    @BeforeEach
    void bindToServer() {
        this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET", "POST", "PUT", "DELETE" })
    void rootServesThePageWhateverTheMethod(String method) {
        String page = this.http.method(HttpMethod.valueOf(method))
            .uri("/")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, "text/html;charset=utf-8")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(page).contains("<span id=\"num\">", "<button id=\"click\">Click me</button>",
                "<button id=\"unknown\">Simulate Unknown Message</button>", "<button id=\"close\">Close connection</button>",
                "<p id=\"error\">", "<h4>Incoming WebSocket data</h4>", "<ul id=\"events\">");
    }

    @Test
    void wsWithoutUpgradeHeaderIsABadRequest() {
        this.http.get().uri("/ws").exchange()
            .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8")
            .expectBody(String.class).isEqualTo("Expected websocket");
    }

    @ParameterizedTest
    @ValueSource(strings = { "WebSocket", "WEBSOCKET", "h2c", "" })
    void wsComparesTheUpgradeHeaderCaseSensitively(String upgrade) {
        this.http.get().uri("/ws").header(HttpHeaders.UPGRADE, upgrade).header(HttpHeaders.CONNECTION, "Upgrade").exchange()
            .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
            .expectBody(String.class).isEqualTo("Expected websocket");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/nope", "/ws/", "/favicon.ico", "/click-counter.html", "/index.html" })
    void everyOtherPathIsAPlainTextNotFound(String path) {
        this.http.get().uri(path).exchange()
            .expectStatus().isNotFound()
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8")
            .expectBody(String.class).isEqualTo("Not found");
    }

    @Test
    void otherMethodsOnUnknownPathsAreNotFoundToo() {
        this.http.post().uri("/nope").exchange()
            .expectStatus().isNotFound()
            .expectBody(String.class).isEqualTo("Not found");
    }
}
