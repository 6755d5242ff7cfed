package dev.wspair.sample.chat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.DurableObject;
import dev.wspair.objects.DurableObjectState;
import dev.wspair.objects.ListOptions;
import dev.wspair.webflux.WebSocketResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * One chat room, the Worker's {@code ChatRoom} Durable Object on the hibernation API: it accepts
 * each member's socket with {@code state.acceptWebSocket}, tagged {@code ip:<client IP>} so that
 * operators see who holds which socket in the actuator's {@code wspair} endpoint, queues the roster and the last 100
 * messages until the member names itself, then broadcasts joins, quits and messages to every named
 * member (the sender included) and stores each message under its ISO timestamp. A member's name,
 * IP and rate-limit cooldown live in the socket's attachment, so they survive the room's eviction.
 *
 * <p>Deliberate differences from the original: message timestamps keep increasing across
 * restarts and evictions (the floor is the newest stored key, where the original starts again at
 * 0); a member that has not named itself when the room is evicted gets the roster and history as
 * of the wake-up (the original loses them); and bad frames are answered with one-line errors
 * instead of JavaScript stack traces.
 */
final class ChatRoom implements DurableObject {

    /** Longest name, in UTF-16 code units as JavaScript counts. */
    static final int MAX_NAME = 32;

    /** Longest message, in UTF-16 code units. */
    static final int MAX_MESSAGE = 256;

    /** Messages replayed to a new member. */
    static final int HISTORY = 100;

    static final String RATE_LIMITED = "Your IP is being rate-limited, please try again later.";

    /** The header that carries the client IP, as Cloudflare's edge sets it for the Worker. */
    static final String CLIENT_IP = "CF-Connecting-IP";

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    /**
     * What a socket keeps through hibernation, as the original's attachment ({@code name},
     * {@code limiterId}) plus the rate-limit cooldown and the "quit" mark.
     * @param name the member's name; {@code null} until the first frame
     * @param ip the client IP the rate limiter charges
     * @param cooldownEnd when the socket's rate-limit cooldown ends, in epoch nanoseconds; 0 for none
     * @param quit whether the room gave up on the socket (a send failed)
     */
    record Member(@Nullable String name, String ip, long cooldownEnd, boolean quit) {

        Member named(String newName) {
            return new Member(newName, this.ip, this.cooldownEnd, this.quit);
        }

        Member coolingDownUntil(long end) {
            return new Member(this.name, this.ip, end, this.quit);
        }

        Member quitting() {
            return new Member(this.name, this.ip, this.cooldownEnd, true);
        }
    }

    /** A member as the live room sees it: its attachment and, until it is named, its queued frames. */
    private static final class Session {

        Member member;

        @Nullable Deque<String> blocked;

        Session(Member member) {
            this.member = member;
        }
    }

    private final DurableObjectState state;

    private final ChatFrames frames;

    private final RateLimiter limiter;

    private final Clock clock;

    private final MessageKeys keys = new MessageKeys();

    private final Map<WebSocket, Session> sessions = new LinkedHashMap<>();

    private long lastTimestamp;

    /**
     * Constructs the room, or reconstructs it after an eviction from its sockets' attachments.
     * @param state the object's state
     * @param frames reads and writes the protocol's frames
     * @param limiter the rate limiter all rooms share
     * @param clock the source of message timestamps
     */
    ChatRoom(DurableObjectState state, ChatFrames frames, RateLimiter limiter, Clock clock) {
        this.state = state;
        this.frames = frames;
        this.limiter = limiter;
        this.clock = clock;
        state.blockConcurrencyWhile(() -> {
            this.lastTimestamp = newestTimestamp();
            for (WebSocket ws : state.getWebSockets()) {
                Member member = ws.deserializeAttachment(Member.class);
                if (member != null && !member.quit()) {
                    this.sessions.put(ws, new Session(member));
                }
            }
            List<String> backlog = backlog();
            this.sessions.values().stream().filter(session -> session.member.name() == null)
                .forEach(session -> session.blocked = new ArrayDeque<>(backlog));
            return null;
        });
    }

    /**
     * The room's routes, on the path the Worker forwards: {@code /websocket} upgrades, anything
     * else is a 404.
     * @param request the forwarded request, with the client IP in {@value #CLIENT_IP}
     * @return the response
     */
    @Override
    public Mono<ServerResponse> fetch(ServerRequest request) {
        if (!request.path().equals("/websocket")) {
            return text(HttpStatus.NOT_FOUND, "Not found");
        }
        if (!"websocket".equals(request.headers().firstHeader(HttpHeaders.UPGRADE))) {
            return text(HttpStatus.BAD_REQUEST, "expected websocket");
        }
        String header = request.headers().firstHeader(CLIENT_IP);
        String ip = (header != null) ? header : "null";
        var pair = new WebSocketPair();
        WebSocket server = pair.server();
        this.state.acceptWebSocket(server, "ip:" + ip);
        Session session = new Session(new Member(null, ip, 0, false));
        server.serializeAttachment(session.member);
        session.blocked = new ArrayDeque<>(backlog());
        this.sessions.put(server, session);
        return WebSocketResponse.of(pair.client());
    }

    /**
     * The original's {@code webSocketMessage}: the broken check, the rate limit, then the name
     * frame or a chat message.
     */
    @Override
    public void webSocketMessage(WebSocket ws, MessageEvent message) {
        Session session = this.sessions.get(ws);
        if (session == null) {
            // the room gave up on this member when a send to it failed
            ws.close(1011, "WebSocket broken.");
            return;
        }
        if (ws.readyState() != WebSocket.READY_STATE_OPEN) {
            // the room already sent its Close (a name too long): what still arrives is ignored
            return;
        }
        if (!this.limiter.mayPass(session.member.cooldownEnd())) {
            ws.send(this.frames.error(RATE_LIMITED));
            return;
        }
        long cooldownEnd = this.limiter.charge(session.member.ip());
        if (cooldownEnd != session.member.cooldownEnd()) {
            // a busy socket without a cooldown leaves its attachment as it is
            remember(ws, session, session.member.coolingDownUntil(cooldownEnd));
        }
        try {
            JsonNode data = this.frames.readObject(message);
            String name = session.member.name();
            if (name == null) {
                join(ws, session, data);
            }
            else {
                say(ws, name, data);
            }
        }
        catch (ChatFrames.InvalidFrame ex) {
            ws.send(this.frames.error(ex.getMessage()));
        }
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        leave(ws);
    }

    @Override
    public void webSocketError(WebSocket ws, Throwable error) {
        leave(ws);
    }

    private void join(WebSocket ws, Session session, JsonNode data) {
        String name = ChatFrames.stringOr(data, "name", "anonymous");
        remember(ws, session, session.member.named(name));
        Deque<String> blocked = session.blocked;
        session.blocked = null;
        if (name.length() > MAX_NAME) {
            ws.send(this.frames.error("Name too long."));
            ws.close(1009, "Name too long.");
            return;
        }
        if (blocked != null) {
            blocked.forEach(ws::send);
        }
        broadcast(this.frames.joined(name));
        ws.send(this.frames.ready());
    }

    private void say(WebSocket ws, String name, JsonNode data) {
        String text = ChatFrames.string(data, "message");
        if (text.length() > MAX_MESSAGE) {
            ws.send(this.frames.error("Message too long."));
            return;
        }
        long timestamp = Math.max(this.clock.millis(), this.lastTimestamp + 1);
        this.lastTimestamp = timestamp;
        String frame = this.frames.chat(name, text, timestamp);
        broadcast(frame);
        this.state.storage().put(this.keys.of(timestamp), frame);
    }

    private void leave(WebSocket ws) {
        Session session = this.sessions.remove(ws);
        String name = (session != null) ? session.member.name() : null;
        if (name != null) {
            broadcast(this.frames.quit(name));
        }
    }

    /**
     * Sends a frame to every named member and queues it for the unnamed ones. A member whose send
     * fails is dropped and its quit broadcast afterwards, as in the original.
     */
    private void broadcast(String frame) {
        List<String> quitters = new ArrayList<>();
        for (Iterator<Map.Entry<WebSocket, Session>> it = this.sessions.entrySet().iterator(); it.hasNext();) {
            Map.Entry<WebSocket, Session> entry = it.next();
            Session session = entry.getValue();
            String name = session.member.name();
            if (name == null) {
                if (session.blocked != null) {
                    session.blocked.add(frame);
                }
                continue;
            }
            try {
                entry.getKey().send(frame);
            }
            catch (IllegalStateException ex) {
                it.remove();
                entry.getKey().serializeAttachment(session.member.quitting());
                quitters.add(name);
            }
        }
        quitters.forEach(name -> broadcast(this.frames.quit(name)));
    }

    /** The frames a new member gets once named: a join for every named member, then the last 100 messages, oldest first. */
    private List<String> backlog() {
        List<String> backlog = new ArrayList<>();
        this.sessions.values().stream().map(session -> session.member.name()).filter(name -> name != null)
            .forEach(name -> backlog.add(this.frames.joined(name)));
        List<String> history = new ArrayList<>(this.state.storage().list(ListOptions.all().reverse().limit(HISTORY), String.class).values());
        Collections.reverse(history);
        backlog.addAll(history);
        return backlog;
    }

    /** The timestamp of the newest stored message: the floor that keeps timestamps increasing. */
    private long newestTimestamp() {
        Map<String, String> newest = this.state.storage().list(ListOptions.all().reverse().limit(1), String.class);
        return newest.isEmpty() ? 0 : Instant.parse(newest.keySet().iterator().next()).toEpochMilli();
    }

    private static void remember(WebSocket ws, Session session, Member member) {
        session.member = member;
        ws.serializeAttachment(member);
    }

    private static Mono<ServerResponse> text(HttpStatus status, String body) {
        return ServerResponse.status(status).contentType(TEXT).bodyValue(body);
    }
}
