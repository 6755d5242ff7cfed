package dev.wspair.objects;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.wspair.CloseEvent;
import dev.wspair.ErrorEvent;
import dev.wspair.Hibernation;
import dev.wspair.MessageEvent;
import dev.wspair.OutputGate;
import dev.wspair.WebSocket;
import dev.wspair.objects.storage.CommitBatch;
import dev.wspair.objects.storage.Mutation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything this process keeps for one object id: the live instance (if any), its serial lane,
 * the events whose output waits for their commit, its hibernatable sockets with their tags, the
 * auto-response and the alarm timer. The slot outlives instance evictions for as long as it has
 * sockets or an alarm; the instance is recreated on the next event.
 */
final class ObjectSlot<T extends DurableObject> implements Hibernation.Handler {

    private static final Logger logger = LoggerFactory.getLogger(ObjectSlot.class);

    private static final ThreadLocal<ObjectSlot<?>> CURRENT = new ThreadLocal<>();

    static final int MAX_TAGS = 10;

    static final int MAX_TAG_LENGTH = 256;

    static final int MAX_ALARM_RETRIES = 6;

    /** One incarnation of the object: the application's instance, its state and storage. */
    static final class Instance<T> {

        final DurableObjectStorage storage;

        @Nullable T object;

        volatile boolean broken;

        Instance(DurableObjectStorage storage) {
            this.storage = storage;
        }

        T object() {
            T value = this.object;
            if (value == null) {
                throw new IllegalStateException("The object is still being constructed");
            }
            return value;
        }
    }

    /** Something that runs on the lane against the instance, and hears back once its output is released. */
    abstract static class Event<T> {

        final String kind;

        Event(String kind) {
            this.kind = kind;
        }

        abstract @Nullable Object run(Instance<T> instance) throws Exception;

        /** Called after the event's writes are durable (or failed); on the writer or lane thread. */
        abstract void complete(@Nullable Object result, @Nullable Throwable failure);
    }

    /** A finished event whose writes and frames wait for the commit. */
    private final class Pending implements CommitQueue.Entry {

        final Instance<T> instance;

        final List<DurableObjectStorage.Write> writes;

        final OutputGate gate;

        final Event<T> event;

        final @Nullable Object result;

        final @Nullable Throwable failure;

        volatile boolean durable;

        volatile boolean cancelled;

        Pending(Instance<T> instance, List<DurableObjectStorage.Write> writes, OutputGate gate, Event<T> event, @Nullable Object result, @Nullable Throwable failure) {
            this.instance = instance;
            this.writes = writes;
            this.gate = gate;
            this.event = event;
            this.result = result;
            this.failure = failure;
        }

        @Override
        public CommitBatch batch() {
            return new CommitBatch(ObjectSlot.this.namespace.name(), ObjectSlot.this.id.toString(), this.writes.stream().map(DurableObjectStorage.Write::mutation).toList());
        }

        @Override
        public boolean cancelled() {
            return this.cancelled;
        }

        @Override
        public void durable() {
            this.durable = true;
            Long alarm = null;
            boolean alarmChanged = false;
            for (DurableObjectStorage.Write write : this.writes) {
                if (write.mutation() instanceof Mutation.SetAlarm set) {
                    alarm = set.epochMillis();
                    alarmChanged = true;
                }
                else if (write.mutation() instanceof Mutation.DeleteAlarm) {
                    alarm = null;
                    alarmChanged = true;
                }
            }
            if (alarmChanged) {
                scheduleAlarm(alarm);
            }
            releaseDurable();
        }

        @Override
        public void failed(RuntimeException cause) {
            commitFailed(this, cause);
        }
    }

    private final ObjectNamespace<T> namespace;

    private final ObjectNamespaces runtime;

    private final ObjectId id;

    private final String label;

    private final SerialLane lane;

    private final Object lock = new Object();

    private @Nullable Instance<T> instance;

    private final Map<WebSocket, List<String>> sockets = new LinkedHashMap<>();

    private volatile @Nullable WebSocketRequestResponsePair autoResponse;

    private final ArrayDeque<Pending> pendings = new ArrayDeque<>();

    private int busy;

    private long lastActivity = System.nanoTime();

    private boolean retired;

    private @Nullable ScheduledFuture<?> alarmTimer;

    private int alarmRetries;

    private long alarmRetryNotBefore;

    ObjectSlot(ObjectNamespace<T> namespace, ObjectNamespaces runtime, ObjectId id) {
        this.namespace = namespace;
        this.runtime = runtime;
        this.id = id;
        this.label = namespace.name() + ":" + id;
        this.lane = new SerialLane(runtime.executor(), this.label);
    }

    ObjectId id() {
        return this.id;
    }

    String label() {
        return this.label;
    }

    /** Queues an event on the lane; {@code false} if the slot was retired and must be looked up again. */
    boolean submit(Event<T> event) {
        synchronized (this.lock) {
            if (this.retired) {
                return false;
            }
            this.busy++;
        }
        this.lane.execute(() -> runEvent(event));
        return true;
    }

    private void runEvent(Event<T> event) {
        this.runtime.eventsRun().increment();
        OutputGate gate = new OutputGate();
        Instance<T> current = null;
        @Nullable Object result = null;
        Throwable failure = null;
        CURRENT.set(this);
        gate.enter();
        try {
            current = instance();
            result = event.run(current);
        }
        catch (Exception | LinkageError | AssertionError ex) {
            failure = ex;
        }
        finally {
            gate.exit();
            CURRENT.remove();
        }
        try {
            if (current == null) {
                gate.discard();
                event.complete(null, failure);
            }
            else {
                finish(current, gate, event, result, failure);
            }
        }
        finally {
            synchronized (this.lock) {
                this.busy--;
                this.lastActivity = System.nanoTime();
            }
        }
    }

    private Instance<T> instance() {
        Instance<T> current;
        synchronized (this.lock) {
            current = this.instance;
        }
        if (current != null && !current.broken) {
            return current;
        }
        Instance<T> created = new Instance<>(new DurableObjectStorage(this.runtime.store(), this.runtime.codec(), this.namespace.name(), this.id.toString(), this::checkInEvent));
        try {
            created.object = this.namespace.factory().apply(new DurableObjectState(this, created));
        }
        catch (RuntimeException ex) {
            logger.warn("Object {}: the constructor threw; the event fails and the next one constructs it again", this.label, ex);
            throw ex;
        }
        if (created.broken) {
            throw new IllegalStateException("Object " + this.label + " was reset while it was constructed (blockConcurrencyWhile threw)");
        }
        synchronized (this.lock) {
            this.instance = created;
        }
        this.runtime.instancesCreated().increment();
        logger.debug("Object {}: created an instance", this.label);
        return created;
    }

    private void checkInEvent() {
        if (CURRENT.get() != this) {
            throw new IllegalStateException("The storage of object " + this.label + " was used outside one of its events; "
                    + "use it from the constructor, fetch, alarm or a webSocket handler");
        }
    }

    private void finish(Instance<T> current, OutputGate gate, Event<T> event, @Nullable Object result, @Nullable Throwable failure) {
        List<DurableObjectStorage.Write> writes = current.storage.takeWrites();
        if (current.broken) {
            int dropped = gate.discard();
            logger.warn("Object {}: the instance was reset during a {} event; its {} write(s) and {} frame(s) are dropped", this.label, event.kind, writes.size(), dropped);
            event.complete(null, (failure != null) ? failure : new ObjectResetException("Durable Object " + this.label + " was reset during the event.", new IllegalStateException("reset")));
            return;
        }
        Pending pending = new Pending(current, writes, gate, event, result, failure);
        synchronized (this.lock) {
            this.pendings.add(pending);
        }
        if (writes.isEmpty()) {
            pending.durable = true;
            releaseDurable();
        }
        else {
            this.runtime.committer().submit(pending);
        }
    }

    /** Releases, in event order, the output of every leading event whose commit is durable. */
    private void releaseDurable() {
        List<Pending> done = new ArrayList<>();
        synchronized (this.lock) {
            while (!this.pendings.isEmpty() && this.pendings.peek().durable) {
                Pending pending = this.pendings.poll();
                pending.instance.storage.confirmed(pending.writes);
                pending.gate.release();
                done.add(pending);
            }
        }
        for (Pending pending : done) {
            complete(pending.event, pending.result, pending.failure);
        }
    }

    private void complete(Event<T> event, @Nullable Object result, @Nullable Throwable failure) {
        try {
            event.complete(result, failure);
        }
        catch (RuntimeException ex) {
            logger.error("Object {}: completing a {} event failed", this.label, event.kind, ex);
        }
    }

    private void commitFailed(Pending failed, RuntimeException cause) {
        List<Pending> dropped = new ArrayList<>();
        int frames = 0;
        synchronized (this.lock) {
            failed.instance.broken = true;
            for (Iterator<Pending> it = this.pendings.iterator(); it.hasNext();) {
                Pending pending = it.next();
                if (pending.instance == failed.instance) {
                    it.remove();
                    pending.cancelled = true;
                    frames += pending.gate.discard();
                    dropped.add(pending);
                }
            }
            if (this.instance == failed.instance) {
                this.instance = null;
            }
        }
        this.namespace.commitFailed();
        logger.error("Object {}: storage commit failed; dropped the writes and {} frame(s) of {} event(s) and reset the instance; "
                + "the next event recreates it from storage", this.label, frames, dropped.size(), cause);
        ObjectResetException reset = new ObjectResetException("Internal error in Durable Object storage caused object " + this.label + " to be reset.", cause);
        for (Pending pending : dropped) {
            complete(pending.event, null, reset);
        }
        scheduleAlarm(this.runtime.store().getAlarm(this.namespace.name(), this.id.toString()));
        releaseDurable();
    }

    /** Called by blockConcurrencyWhile when its callback throws: the instance is not used again. */
    void reset(Instance<T> broken, Throwable cause) {
        broken.broken = true;
        synchronized (this.lock) {
            if (this.instance == broken) {
                this.instance = null;
            }
        }
        logger.warn("Object {}: blockConcurrencyWhile threw; the instance is reset", this.label, cause);
    }

    // Hibernatable sockets

    void acceptWebSocket(WebSocket ws, Collection<String> tags) {
        Hibernation.check(ws);
        int max = this.runtime.settings().maxWebSocketsPerObject();
        synchronized (this.lock) {
            if (this.sockets.size() >= max) {
                throw new IllegalStateException("only " + max + " websockets can be accepted on a single Durable Object instance");
            }
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String tag : tags) {
            if (distinct.size() >= MAX_TAGS) {
                throw new IllegalArgumentException("a Hibernatable WebSocket cannot have more than " + MAX_TAGS + " tags");
            }
            if (tag.getBytes(StandardCharsets.UTF_8).length > MAX_TAG_LENGTH) {
                throw new IllegalArgumentException("\"" + tag + "\" is longer than the max tag length (" + MAX_TAG_LENGTH + " characters).");
            }
            distinct.add(tag);
        }
        Hibernation.useAttachmentCodec(ws, this.runtime.attachmentCodec());
        Hibernation.accept(ws, this);
        synchronized (this.lock) {
            this.sockets.put(ws, List.copyOf(distinct));
        }
    }

    List<WebSocket> webSockets(@Nullable String tag) {
        synchronized (this.lock) {
            List<WebSocket> result = new ArrayList<>();
            this.sockets.forEach((ws, tags) -> {
                if (tag == null || tags.contains(tag)) {
                    result.add(ws);
                }
            });
            return result;
        }
    }

    /** The socket's tags for {@code state.getTags(ws)}, with Workers' errors for a socket this object does not list. */
    List<String> getTags(WebSocket ws) {
        synchronized (this.lock) {
            List<String> tags = this.sockets.get(ws);
            if (tags != null) {
                return tags;
            }
        }
        if (!Hibernation.isAccepted(ws)) {
            throw new IllegalStateException("you must call 'acceptWebSocket()' before attempting to access the tags of a WebSocket.");
        }
        throw new IllegalStateException("only hibernatable websockets can have tags.");
    }

    @Override
    public List<String> tags(WebSocket socket) {
        synchronized (this.lock) {
            return this.sockets.getOrDefault(socket, List.of());
        }
    }

    void autoResponse(@Nullable WebSocketRequestResponsePair pair) {
        this.autoResponse = pair;
    }

    @Nullable WebSocketRequestResponsePair autoResponse() {
        return this.autoResponse;
    }

    @Override
    public @Nullable String autoResponse(WebSocket socket, String request) {
        WebSocketRequestResponsePair pair = this.autoResponse;
        return (pair != null && pair.request().equals(request)) ? pair.response() : null;
    }

    @Override
    public void message(WebSocket socket, MessageEvent event) {
        submitSocketEvent(new SocketEvent("webSocketMessage", socket, false) {

            @Override
            void handle(T object) {
                object.webSocketMessage(socket, event);
            }
        });
    }

    @Override
    public void close(WebSocket socket, CloseEvent event) {
        submitSocketEvent(new SocketEvent("webSocketClose", socket, true) {

            @Override
            void handle(T object) {
                object.webSocketClose(socket, event.code(), event.reason(), event.wasClean());
            }
        });
    }

    @Override
    public void error(WebSocket socket, ErrorEvent event) {
        submitSocketEvent(new SocketEvent("webSocketError", socket, true) {

            @Override
            void handle(T object) {
                object.webSocketError(socket, event.error());
            }
        });
    }

    private void submitSocketEvent(SocketEvent event) {
        if (!submit(event)) {
            logger.error("Object {}: a {} event arrived after the object was retired; it is dropped", this.label, event.kind);
        }
    }

    /** A hibernatable socket's event: runs the handler, and forgets the socket after its last event. */
    private abstract class SocketEvent extends Event<T> {

        private final WebSocket socket;

        private final boolean last;

        SocketEvent(String kind, WebSocket socket, boolean last) {
            super(kind);
            this.socket = socket;
            this.last = last;
        }

        abstract void handle(T object);

        @Override
        @Nullable Object run(Instance<T> instance) {
            try {
                handle(instance.object());
            }
            finally {
                if (this.last) {
                    synchronized (ObjectSlot.this.lock) {
                        ObjectSlot.this.sockets.remove(this.socket);
                    }
                }
            }
            return null;
        }

        @Override
        void complete(@Nullable Object result, @Nullable Throwable failure) {
            if (failure != null && !(failure instanceof ObjectResetException)) {
                logger.warn("Object {}: {} threw for socket {}", ObjectSlot.this.label, this.kind, this.socket, failure);
            }
        }
    }

    // Alarms

    /** (Re)arms the alarm timer for a durable alarm time, or cancels it for {@code null}. */
    void scheduleAlarm(@Nullable Long epochMillis) {
        synchronized (this.lock) {
            if (this.alarmTimer != null) {
                this.alarmTimer.cancel(false);
                this.alarmTimer = null;
            }
            if (epochMillis != null && !this.runtime.isClosed()) {
                long at = Math.max(epochMillis, this.alarmRetryNotBefore);
                long delay = Math.max(0, at - System.currentTimeMillis());
                this.alarmTimer = this.runtime.timers().schedule(() -> fireAlarm(epochMillis), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void fireAlarm(long epochMillis) {
        submit(new Event<T>("alarm") {

            @Override
            @Nullable Object run(Instance<T> current) {
                Long stored = current.storage.rawAlarm();
                if (stored == null || stored != epochMillis) {
                    return null;
                }
                current.storage.stageAlarm(null);
                try {
                    current.object().alarm();
                }
                catch (RuntimeException ex) {
                    retryAlarm(current, epochMillis, ex);
                    throw ex;
                }
                synchronized (ObjectSlot.this.lock) {
                    ObjectSlot.this.alarmRetries = 0;
                    ObjectSlot.this.alarmRetryNotBefore = 0;
                }
                return null;
            }

            @Override
            void complete(@Nullable Object result, @Nullable Throwable failure) {
                synchronized (ObjectSlot.this.lock) {
                    if (ObjectSlot.this.alarmTimer != null && ObjectSlot.this.alarmTimer.isDone()) {
                        ObjectSlot.this.alarmTimer = null;
                    }
                }
            }
        });
    }

    /** Restores the alarm after its handler threw, with Workers' backoff: 2 s, 4 s, ... up to 6 retries. */
    private void retryAlarm(Instance<T> current, long epochMillis, RuntimeException cause) {
        int retries;
        synchronized (this.lock) {
            retries = ++this.alarmRetries;
            this.alarmRetryNotBefore = System.currentTimeMillis() + Duration.ofSeconds(2).toMillis() * (1L << (retries - 1));
        }
        if (retries > MAX_ALARM_RETRIES) {
            synchronized (this.lock) {
                this.alarmRetries = 0;
                this.alarmRetryNotBefore = 0;
            }
            logger.error("Object {}: alarm() threw {} times; the alarm is dropped", this.label, retries, cause);
            return;
        }
        logger.warn("Object {}: alarm() threw; retry {} of {} in {} s", this.label, retries, MAX_ALARM_RETRIES, 2L << (retries - 1), cause);
        if (current.storage.rawAlarm() == null) {
            current.storage.stageAlarm(epochMillis);
        }
    }

    // Eviction

    /**
     * Evicts an idle instance; retires the slot when nothing keeps it (no instance, socket, alarm
     * or work).
     * @return whether the slot is retired and must be forgotten
     */
    boolean sweep(long nowNanos, long idleNanos) {
        boolean evicted = false;
        boolean retire;
        int remaining;
        synchronized (this.lock) {
            if (this.busy > 0 || !this.pendings.isEmpty()) {
                return false;
            }
            if (this.instance != null && nowNanos - this.lastActivity >= idleNanos) {
                this.instance = null;
                evicted = true;
            }
            remaining = this.sockets.size();
            retire = this.instance == null && remaining == 0 && this.alarmTimer == null;
            this.retired = retire;
        }
        if (evicted) {
            this.namespace.evictions().increment();
            logger.debug("Object {}: evicted after {} ms idle; {} hibernatable socket(s) stay connected", this.label, TimeUnit.NANOSECONDS.toMillis(idleNanos), remaining);
        }
        return retire;
    }

    /** A snapshot for listings. */
    ObjectInfo info() {
        synchronized (this.lock) {
            return new ObjectInfo(this.namespace.name(), this.id, this.instance != null, this.sockets.size());
        }
    }
}
