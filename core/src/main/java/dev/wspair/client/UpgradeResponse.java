package dev.wspair.client;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import dev.wspair.WebSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The answer to an upgrade request, like the {@code Response} a Worker's
 * {@code fetch(url, {headers: {Upgrade: "websocket"}})} resolves to: on {@code 101} it carries a
 * {@link #webSocket() WebSocket} to {@code accept()} or to return in {@code WebSocketResponse.of(...)};
 * on any other status the status, headers and body, and no socket.
 */
public final class UpgradeResponse {

    private final int status;

    private final HttpHeaders headers;

    private final byte[] body;

    private final @Nullable WebSocket webSocket;

    private UpgradeResponse(int status, HttpHeaders headers, byte[] body, @Nullable WebSocket webSocket) {
        this.status = status;
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
        this.body = body;
        this.webSocket = webSocket;
    }

    static UpgradeResponse switched(HttpHeaders headers, WebSocket webSocket) {
        return new UpgradeResponse(101, headers, new byte[0], webSocket);
    }

    static UpgradeResponse refused(int status, HttpHeaders headers, byte[] body) {
        return new UpgradeResponse(status, headers, body, null);
    }

    /**
     * The status: {@code 101} when the server switched protocols.
     * @return the status code
     */
    public int status() {
        return this.status;
    }

    /**
     * The response headers (read-only); on {@code 101} they carry the negotiated
     * {@code Sec-WebSocket-Protocol}, which {@link WebSocket#protocol()} leaves empty, as in Workers.
     * @return the headers
     */
    public HttpHeaders headers() {
        return this.headers;
    }

    /**
     * The socket, in the state of a fresh pair end: {@code accept()} it to talk to the server, or
     * return it in a response to proxy a client through. Nothing is read from the server until one
     * of the two happens. {@code null} unless the status is {@code 101}.
     * @return the socket or {@code null}
     */
    public @Nullable WebSocket webSocket() {
        return this.webSocket;
    }

    /**
     * A copy of the body of a refusal (at most 8 KiB, Reactor Netty's limit for a handshake
     * response); empty on {@code 101}.
     * @return the bytes
     */
    public byte[] body() {
        return this.body.clone();
    }

    /**
     * The body as text, decoded with the charset of its {@code Content-Type}, UTF-8 otherwise.
     * @return the text
     */
    public String text() {
        MediaType type = this.headers.getContentType();
        Charset charset = (type != null && type.getCharset() != null) ? type.getCharset() : StandardCharsets.UTF_8;
        return new String(this.body, charset);
    }

    @Override
    public String toString() {
        return "UpgradeResponse[status=" + this.status + ", webSocket=" + this.webSocket + ", body=" + this.body.length + " bytes]";
    }
}
