package dev.wspair.objects;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A handle on one Durable Object, as Workers' stub from {@code namespace.get(id)}: each call is an
 * event on the object's lane, creating the instance first if it is not live. The returned
 * {@code Mono} completes only after the event's storage writes are durable, so a caller never
 * sees an effect that could still be lost.
 *
 * @param <T> the object class
 */
public final class ObjectStub<T extends DurableObject> {

    private final ObjectNamespace<T> namespace;

    private final ObjectId id;

    ObjectStub(ObjectNamespace<T> namespace, ObjectId id) {
        this.namespace = namespace;
        this.id = id;
    }

    /**
     * The object's id.
     * @return the id
     */
    public ObjectId id() {
        return this.id;
    }

    /**
     * Forwards a request to the object's {@link DurableObject#fetch}, as Workers'
     * {@code stub.fetch(request)}: a route can {@code return rooms.get(id).fetch(request)}.
     * @param request the request
     * @return the object's response, after its writes are durable
     */
    public Mono<ServerResponse> fetch(ServerRequest request) {
        return Mono.create(sink -> this.namespace.dispatch(this.id, new ObjectSlot.Event<T>("fetch") {

            @Override
            @Nullable Object run(ObjectSlot.Instance<T> instance) {
                ServerResponse response = instance.object().fetch(request).block(ObjectStub.this.namespace.runtime().settings().eventTimeout());
                if (response == null) {
                    throw new IllegalStateException("fetch of object " + ObjectStub.this.namespace.name() + ":" + ObjectStub.this.id + " completed without a response");
                }
                return response;
            }

            @Override
            void complete(@Nullable Object result, @Nullable Throwable failure) {
                finish(sink, result, failure);
            }
        }, sink::error));
    }

    /**
     * Runs a method of the object as an event, like a Workers RPC call on a stub: the function
     * runs on the object's lane with the live instance, and its result is delivered after the
     * event's writes are durable.
     * @param method what to run
     * @param <R> the result type
     * @return the result; empty for {@code null}; an {@link ObjectResetException} if the writes
     * could not be committed
     */
    public <R> Mono<R> call(Function<? super T, ? extends @Nullable R> method) {
        return Mono.create(sink -> this.namespace.dispatch(this.id, new ObjectSlot.Event<T>("call") {

            @Override
            @Nullable Object run(ObjectSlot.Instance<T> instance) {
                return method.apply(instance.object());
            }

            @Override
            void complete(@Nullable Object result, @Nullable Throwable failure) {
                finish(sink, result, failure);
            }
        }, sink::error));
    }

    @SuppressWarnings("unchecked")
    private static <R> void finish(MonoSink<R> sink, @Nullable Object result, @Nullable Throwable failure) {
        if (failure != null) {
            sink.error(failure);
        }
        else if (result != null) {
            sink.success((R) result);
        }
        else {
            sink.success();
        }
    }

    @Override
    public String toString() {
        return "ObjectStub[" + this.namespace.name() + ":" + this.id + "]";
    }
}
