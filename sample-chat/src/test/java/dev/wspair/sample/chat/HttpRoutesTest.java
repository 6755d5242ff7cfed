package dev.wspair.sample.chat;

import java.time.Duration;

import dev.wspair.objects.ObjectNamespace;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Worker's HTTP routes (Part B1) against the running application: the page, private room
 * ids, the 404s, 405 and 400 with their exact bodies, the upgrade for public and private rooms,
 * and the error path for an id this server never issued.
 */
@ChatServerTest
@ExtendWith(NoLeaks.class)
class HttpRoutesTest {

    private static final String TEXT = "text/plain;charset=UTF-8";

    @LocalServerPort
    private int port;

    @Autowired
    private ObjectNamespace<ChatRoom> rooms;

    private WebTestClient http;

    @BeforeEach
    void bindToServer() {
        this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET", "POST", "PUT", "DELETE", "PATCH" })
    void rootServesTheChatPageWhateverTheMethod(String method) {
        String page = this.http.method(HttpMethod.valueOf(method)).uri("/").exchange()
            .expectStatus().isOk()
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("id=\"name-form\"", "id=\"name-input\"", "id=\"room-form\"", "id=\"room-name\"", "id=\"go-public\"",
                "id=\"go-private\"", "id=\"chatlog\"", "id=\"roster\"", "id=\"chat-input\"");
    }

    @Test
    void anEmptyFirstSegmentServesThePageToo() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(this.port, "GET //anything HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) {
            RawWebSocket.Response response = raw.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsEntry("content-type", "text/html;charset=UTF-8");
            assertThat(response.body()).contains("id=\"chatlog\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/room", "/api/room/" })
    void postIssuesANewPrivateRoomIdWithTheCorsHeader(String path) {
        String first = newRoom(path);
        String second = newRoom(path);
        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(second).matches("[0-9a-f]{64}").isNotEqualTo(first);
        assertThat(this.rooms.idFromString(first).toString()).isEqualTo(first);
    }

    private String newRoom(String path) {
        return this.http.post().uri(path).exchange()
            .expectStatus().isOk()
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, TEXT)
            .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .expectBody(String.class).returnResult().getResponseBody();
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET", "PUT", "DELETE", "PATCH", "OPTIONS" })
    void otherMethodsOnTheRoomCollectionAreNotAllowed(String method) {
        this.http.method(HttpMethod.valueOf(method)).uri("/api/room").exchange()
            .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, TEXT)
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
            .expectBody(String.class).isEqualTo("Method not allowed");
    }

    @Test
    void aCorsPreflightGetsTheSame405WithoutCorsHeaders() {
        this.http.options().uri("/api/room")
            .header(HttpHeaders.ORIGIN, "http://elsewhere.example")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .exchange()
            .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
            .expectBody(String.class).isEqualTo("Method not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/favicon.ico", "/chat.html", "/api", "/api/", "/api/rooms", "/api/other/x", "/api/room/lobby",
            "/api/room/lobby/", "/api/room/lobby/websocket/", "/api/room/lobby/foo" })
    void everyOtherPathIsAPlainTextNotFound(String path) {
        this.http.get().uri(path).exchange()
            .expectStatus().isNotFound()
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, TEXT)
            .expectBody(String.class).isEqualTo("Not found");
    }

    @ParameterizedTest
    @ValueSource(strings = { "abcdefghijklmnopqrstuvwxyz0123456", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0" })
    void namesLongerThan32CharactersThatAreNoPrivateIdAreNotFound(String name) {
        this.http.get().uri("/api/room/" + name + "/websocket").header(HttpHeaders.UPGRADE, "websocket").exchange()
            .expectStatus().isNotFound()
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, TEXT)
            .expectBody(String.class).isEqualTo("Name too long");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "WebSocket", "websockets", "h2c" })
    void theRoomWantsTheExactUpgradeHeader(String upgrade) {
        WebTestClient.RequestHeadersSpec<?> request = this.http.get().uri("/api/room/lobby/websocket");
        if (!upgrade.isEmpty()) {
            request = request.header(HttpHeaders.UPGRADE, upgrade).header(HttpHeaders.CONNECTION, "Upgrade");
        }
        request.exchange()
            .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, TEXT)
            .expectBody(String.class).isEqualTo("expected websocket");
    }

    @ParameterizedTest
    @ValueSource(strings = { "abcdefghijklmnopqrstuvwxyz012345", "x", "Case-Sensitive", "with%20space" })
    void publicRoomsOfUpTo32CharactersUpgrade(String name) throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(this.port, "/api/room/" + name + "/websocket")) {
            socket.sendText("{\"name\":\"routes\"}");
            assertThat(socket.readFrame().text()).isEqualTo("{\"joined\":\"routes\"}");
            assertThat(socket.readFrame().text()).isEqualTo("{\"ready\":true}");
        }
    }

    @Test
    void anIssuedPrivateRoomIdUpgrades() throws Exception {
        String id = newRoom("/api/room");
        try (RawWebSocket socket = RawWebSocket.open(this.port, "/api/room/" + id + "/websocket")) {
            socket.sendText("{\"name\":\"private\"}");
            assertThat(socket.readFrame().text()).isEqualTo("{\"joined\":\"private\"}");
            assertThat(socket.readFrame().text()).isEqualTo("{\"ready\":true}");
        }
    }

    @Test
    void aHexIdThisServerNeverIssuedIsASetupErrorFrameAndClose1011() throws Exception {
        String foreign = "0123456789abcdef".repeat(4);
        try (RawWebSocket socket = RawWebSocket.open(this.port, "/api/room/" + foreign + "/websocket")) {
            assertThat(socket.readFrame().text()).isEqualTo("{\"error\":\"Durable Object ID is not valid for this namespace.\"}");
            RawWebSocket.Frame close = socket.readFrame();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1011);
            assertThat(close.closeReason()).isEqualTo("Uncaught exception during session setup");
        }
    }

    @Test
    void aHexIdThisServerNeverIssuedWithoutUpgradeIsA500() {
        this.http.get().uri("/api/room/" + "0123456789abcdef".repeat(4) + "/websocket").exchange()
            .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
            .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, TEXT)
            .expectBody(String.class).isEqualTo("Durable Object ID is not valid for this namespace.");
    }
}
