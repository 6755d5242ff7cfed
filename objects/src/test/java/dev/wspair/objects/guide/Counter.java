package dev.wspair.objects.guide;

import dev.wspair.objects.DurableObject;
import dev.wspair.objects.DurableObjectState;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The counter of docs/durable-objects.md, verbatim, so that the guide's code compiles and runs. */
public final class Counter implements DurableObject {

    private final DurableObjectState state;

    public Counter(DurableObjectState state) {
        this.state = state;
    }

    @Override
    public Mono<ServerResponse> fetch(ServerRequest request) {
        int value = switch (request.pathVariable("action")) {
            case "increment" -> increment(1);
            case "decrement" -> increment(-1);
            default -> current();
        };
        return ServerResponse.ok().bodyValue(Integer.toString(value));
    }

    public int current() {
        Integer stored = this.state.storage().get("value", Integer.class);
        return (stored != null) ? stored : 0;
    }

    public int increment(int amount) {
        int value = current() + amount;
        this.state.storage().put("value", value);
        return value;
    }
}
