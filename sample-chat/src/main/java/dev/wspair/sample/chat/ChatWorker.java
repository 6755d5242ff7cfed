package dev.wspair.sample.chat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.ObjectId;
import dev.wspair.objects.ObjectNamespace;
import dev.wspair.webflux.WebSocketResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Worker's top-level {@code fetch} and {@code handleApiRequest}: it splits the raw path on
 * {@code /} as the original does, serves the page, issues private room ids on
 * {@code POST /api/room}, and forwards {@code /api/room/<name>/…} to the room's object with the
 * rest of the path and the client IP in {@code CF-Connecting-IP}, as Cloudflare's edge gives it to
 * the Worker. Its {@code handleErrors} is kept too, with a one-line error instead of a stack
 * trace: an upgrade request gets the error in a frame and a close with 1011, any other request a
 * 500.
 */
final class ChatWorker {

    private static final Logger logger = LoggerFactory.getLogger(ChatWorker.class);

    private static final Pattern PRIVATE_ROOM = Pattern.compile("[0-9a-f]{64}");

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final ObjectNamespace<ChatRoom> rooms;

    private final ChatFrames frames;

    private final ClientAddresses addresses;

    private final String page;

    /**
     * Creates the Worker.
     * @param rooms the rooms' namespace, the Worker's {@code env.rooms}
     * @param frames writes the error frame of a failed upgrade
     * @param addresses finds the client IP the rooms rate-limit on
     * @param page the chat page
     */
    ChatWorker(ObjectNamespace<ChatRoom> rooms, ChatFrames frames, ClientAddresses addresses, String page) {
        this.rooms = rooms;
        this.frames = frames;
        this.addresses = addresses;
        this.page = page;
    }

    /**
     * Answers any request, whatever its method and path.
     * @param request the request
     * @return the response
     */
    Mono<ServerResponse> fetch(ServerRequest request) {
        Mono<ServerResponse> response;
        try {
            response = route(request);
        }
        catch (RuntimeException ex) {
            response = Mono.error(ex);
        }
        return response.onErrorResume(ex -> failed(request, ex));
    }

    private Mono<ServerResponse> route(ServerRequest request) {
        String[] path = request.uri().getRawPath().substring(1).split("/", -1);
        if (path[0].isEmpty()) {
            return ServerResponse.ok().contentType(HTML).bodyValue(this.page);
        }
        if (path[0].equals("api")) {
            return api(Arrays.copyOfRange(path, 1, path.length), request);
        }
        return text(HttpStatus.NOT_FOUND, "Not found");
    }

    private Mono<ServerResponse> api(String[] path, ServerRequest request) {
        if (path.length == 0 || !path[0].equals("room")) {
            return text(HttpStatus.NOT_FOUND, "Not found");
        }
        if (path.length == 1 || path[1].isEmpty()) {
            if (request.method().equals(HttpMethod.POST)) {
                return ServerResponse.ok()
                    .contentType(TEXT)
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .bodyValue(this.rooms.newUniqueId().toString());
            }
            return text(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed");
        }
        String name = path[1];
        ObjectId id;
        if (PRIVATE_ROOM.matcher(name).matches()) {
            id = this.rooms.idFromString(name);
        }
        else if (name.length() <= ChatRoom.MAX_NAME) {
            id = this.rooms.idFromName(name);
        }
        else {
            return text(HttpStatus.NOT_FOUND, "Name too long");
        }
        String rest = "/" + String.join("/", Arrays.copyOfRange(path, 2, path.length));
        URI forwarded = UriComponentsBuilder.fromUri(request.uri()).replacePath(rest).build(true).toUri();
        ServerRequest toRoom = ServerRequest.from(request)
            .uri(forwarded)
            .headers(headers -> headers.set(ChatRoom.CLIENT_IP, this.addresses.of(request)))
            .build();
        return this.rooms.get(id).fetch(toRoom);
    }

    private Mono<ServerResponse> failed(ServerRequest request, Throwable error) {
        String message = (error.getMessage() != null) ? error.getMessage().replaceAll("\\s+", " ") : error.toString();
        logger.warn("{} {} failed: {}", request.method(), request.path(), message);
        logger.debug("Stack of the failure", error);
        if (!"websocket".equals(request.headers().firstHeader(HttpHeaders.UPGRADE))) {
            return text(HttpStatus.INTERNAL_SERVER_ERROR, message);
        }
        var pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.send(this.frames.error(message));
        server.close(1011, "Uncaught exception during session setup");
        return WebSocketResponse.of(pair.client());
    }

    private static Mono<ServerResponse> text(HttpStatus status, String body) {
        return ServerResponse.status(status).contentType(TEXT).bodyValue(body);
    }
}
