package dev.wspair.objects.guide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.DurableObject;
import dev.wspair.objects.DurableObjectState;
import dev.wspair.objects.ListOptions;
import dev.wspair.objects.WebSocketRequestResponsePair;
import dev.wspair.webflux.WebSocketResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The chat room of docs/durable-objects.md, verbatim, so that the guide's code compiles and runs. */
public final class ChatRoom implements DurableObject {

    record Member(String name) {
    }

    record Message(String name, String text) {
    }

    private final DurableObjectState state;

    private final JsonMapper json;

    private long lastSequence;

    public ChatRoom(DurableObjectState state, JsonMapper json) {
        this.state = state;
        this.json = json;
        // Load what the constructor needs before any event runs, as in Workers.
        state.blockConcurrencyWhile(() -> {
            Map<String, Message> newest = state.storage().list(ListOptions.prefix("msg:").reverse().limit(1), Message.class);
            this.lastSequence = newest.isEmpty() ? 0 : Long.parseLong(newest.keySet().iterator().next().substring(4));
            return null;
        });
        state.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    }

    @Override
    public Mono<ServerResponse> fetch(ServerRequest request) {
        if (!"websocket".equalsIgnoreCase(request.headers().firstHeader("Upgrade"))) {
            return ServerResponse.status(HttpStatus.UPGRADE_REQUIRED).bodyValue("Expected Upgrade: websocket");
        }
        String name = request.queryParam("name").orElse("anonymous");
        var pair = new WebSocketPair();
        WebSocket server = pair.server();
        this.state.acceptWebSocket(server, "member", "name:" + name);
        server.serializeAttachment(new Member(name));
        List<Message> history = new ArrayList<>(this.state.storage()
            .list(ListOptions.prefix("msg:").reverse().limit(20), Message.class).values());
        Collections.reverse(history);
        history.forEach(message -> server.send(this.json.writeValueAsString(message)));
        return WebSocketResponse.of(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, MessageEvent message) {
        if (!message.isText()) {
            ws.close(1003, "text only");
            return;
        }
        Member member = ws.deserializeAttachment(Member.class);
        Message stored = new Message(member.name(), message.text());
        this.state.storage().put("msg:%020d".formatted(++this.lastSequence), stored);
        String frame = this.json.writeValueAsString(stored);
        this.state.getWebSockets("member").forEach(socket -> socket.send(frame));
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        Member member = ws.deserializeAttachment(Member.class);
        String frame = this.json.writeValueAsString(new Message("system", member.name() + " left"));
        this.state.getWebSockets("member").stream().filter(socket -> socket != ws).forEach(socket -> socket.send(frame));
    }
}
