package dev.wspair.autoconfigure.metrics;

/**
 * Names of wspair's meters and their tags, in Micrometer's dotted style (a Prometheus registry
 * shows {@code wspair.connections.opened} as {@code wspair_connections_opened_total}).
 */
public final class WspairMeters {

    /** Counter of connections upgraded; tag {@value #ROUTE}. */
    public static final String CONNECTIONS_OPENED = "wspair.connections.opened";

    /** Counter of connections ended; tags {@value #ROUTE}, {@value #CODE}. */
    public static final String CONNECTIONS_CLOSED = "wspair.connections.closed";

    /** Gauge of connections open now; tag {@value #ROUTE}. */
    public static final String CONNECTIONS_ACTIVE = "wspair.connections.active";

    /** Timer of connection lifetimes; tag {@value #ROUTE}. */
    public static final String CONNECTIONS_DURATION = "wspair.connections.duration";

    /** Counter of messages; tags {@value #ROUTE}, {@value #DIRECTION}, {@value #TYPE}. */
    public static final String MESSAGES = "wspair.messages";

    /** Counter of message payload bytes; tags {@value #ROUTE}, {@value #DIRECTION}, {@value #TYPE}. */
    public static final String MESSAGE_BYTES = "wspair.messages.bytes";

    /** Timer of the time listeners took per event; tags {@value #ROUTE}, {@value #EVENT}. */
    public static final String LISTENER_DURATION = "wspair.listener.duration";

    /** Counter of listeners that threw; tags {@value #ROUTE}, {@value #EVENT}. */
    public static final String LISTENER_ERRORS = "wspair.listener.errors";

    /** Gauge of frames waiting in all outbound queues; no tags. */
    public static final String OUTBOUND_QUEUED_MESSAGES = "wspair.outbound.queued.messages";

    /** Gauge of payload bytes waiting in all outbound queues; no tags. */
    public static final String OUTBOUND_QUEUED_BYTES = "wspair.outbound.queued.bytes";

    /** Counter of connections closed because their outbound queue overflowed; tag {@value #ROUTE}. */
    public static final String OUTBOUND_OVERFLOWS = "wspair.outbound.overflows";

    /** Counter of refused handshakes; tags {@value #ROUTE}, {@value #REASON}. */
    public static final String HANDSHAKE_REJECTIONS = "wspair.handshake.rejections";

    /** Gauge of Durable Object instances in memory; tag {@value #NAMESPACE}. */
    public static final String OBJECTS_LIVE = "wspair.objects.live";

    /** Counter of Durable Object instances evicted after the idle timeout; tag {@value #NAMESPACE}. */
    public static final String OBJECTS_EVICTIONS = "wspair.objects.evictions";

    /** Gauge of hibernatable sockets accepted by Durable Objects; tag {@value #NAMESPACE}. */
    public static final String OBJECTS_HIBERNATABLE_SOCKETS = "wspair.objects.hibernatable.sockets";

    /** Timer of Durable Object storage transactions, which may group the writes of many events; no tags. */
    public static final String OBJECTS_STORAGE_COMMIT = "wspair.objects.storage.commit";

    /** Counter of Durable Object event batches whose commit failed; tag {@value #NAMESPACE}. */
    public static final String OBJECTS_STORAGE_COMMIT_FAILURES = "wspair.objects.storage.commit.failures";

    /** Tag: the route template the connection was upgraded on. */
    public static final String ROUTE = "route";

    /** Tag: the close code, RFC 6455 codes as they are, {@code 3xxx}, {@code 4xxx} or {@code other}. */
    public static final String CODE = "code";

    /** Tag: {@code in} (from the client) or {@code out} (to the client). */
    public static final String DIRECTION = "direction";

    /** Tag: {@code text} or {@code binary}. */
    public static final String TYPE = "type";

    /** Tag: the event whose listeners ran: {@code message}, {@code close}, {@code error} or {@code open}. */
    public static final String EVENT = "event";

    /** Tag: why a handshake was refused. */
    public static final String REASON = "reason";

    /** Tag: the Durable Object namespace, as declared with {@code namespaces.create(name, ...)}. */
    public static final String NAMESPACE = "namespace";

    private WspairMeters() {
    }
}
