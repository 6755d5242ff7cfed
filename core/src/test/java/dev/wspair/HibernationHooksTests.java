package dev.wspair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The SPI the Durable Objects runtime uses: {@link Hibernation}, {@link OutputGate} and attachments. */
class HibernationHooksTests {

    /** Records what a hibernatable socket delivers; answers "ping" with "pong". */
    private static final class RecordingHandler implements Hibernation.Handler {

        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public @Nullable String autoResponse(WebSocket socket, String request) {
            return "ping".equals(request) ? "pong" : null;
        }

        @Override
        public void message(WebSocket socket, MessageEvent event) {
            this.events.add("message:" + event.text());
        }

        @Override
        public void close(WebSocket socket, CloseEvent event) {
            this.events.add("close:" + event.code() + ":" + event.reason() + ":" + event.wasClean());
        }

        @Override
        public void error(WebSocket socket, ErrorEvent event) {
            this.events.add("error:" + event.message());
        }
    }

    private static BlockingQueue<String> listen(WebSocket client) {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        client.accept();
        client.addEventListener(EventType.MESSAGE, event -> received.add(event.text()));
        client.addEventListener(EventType.CLOSE, event -> received.add("close:" + event.code()));
        return received;
    }

    @Test
    void hibernatableSocketCannotBeAcceptedOrReturned() {
        var pair = new WebSocketPair();
        Hibernation.accept(pair.server(), new RecordingHandler());
        assertThat(Hibernation.isHibernatable(pair.server())).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> pair.server().accept())
            .withMessage("Can't accept() WebSocket after enabling hibernation.");
        assertThatIllegalStateException().isThrownBy(() -> Coupling.claim(pair.server()))
            .withMessage("Can't return WebSocket in a Response after calling acceptWebSocket().");
    }

    @Test
    void acceptedSocketOrUsedPairCannotBecomeHibernatable() {
        var accepted = new WebSocketPair();
        accepted.server().accept();
        assertThatIllegalStateException().isThrownBy(() -> Hibernation.accept(accepted.server(), new RecordingHandler()))
            .withMessage("Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`");

        var returned = new WebSocketPair();
        Coupling.claim(returned.client());
        assertThatIllegalStateException().isThrownBy(() -> Hibernation.check(returned.server()))
            .withMessage("Cannot call `acceptWebSocket()` on this WebSocket because its pair has already been accepted or used in a Response.");
        assertThat(Hibernation.isHibernatable(returned.server())).isFalse();
    }

    @Test
    void eventsGoToTheHandlerNotToListenersAndAutoResponsesSkipIt() throws InterruptedException {
        var pair = new WebSocketPair();
        RecordingHandler handler = new RecordingHandler();
        List<String> listenerSaw = new ArrayList<>();
        pair.server().addEventListener(EventType.MESSAGE, event -> listenerSaw.add(event.text()));
        Hibernation.accept(pair.server(), handler);
        BlockingQueue<String> client = listen(pair.client());

        assertThat(Hibernation.lastAutoResponse(pair.server())).isNull();
        pair.client().send("ping");
        assertThat(client.poll(5, TimeUnit.SECONDS)).isEqualTo("pong");
        assertThat(Hibernation.lastAutoResponse(pair.server())).isNotNull();

        pair.client().send("hello");
        assertThat(handler.events.poll(5, TimeUnit.SECONDS)).isEqualTo("message:hello");
        pair.client().close(4000, "bye");
        assertThat(handler.events.poll(5, TimeUnit.SECONDS)).isEqualTo("close:4000:bye:true");
        assertThat(client.poll(5, TimeUnit.SECONDS)).as("the Close is answered automatically").isEqualTo("close:4000");
        assertThat(listenerSaw).isEmpty();
    }

    @Test
    void outputGateHoldsFramesUntilReleasedInCallOrder() throws InterruptedException {
        var pair = new WebSocketPair();
        pair.server().accept();
        BlockingQueue<String> client = listen(pair.client());
        OutputGate gate = new OutputGate();
        gate.enter();
        try {
            pair.server().send("one");
            pair.server().send("two");
        }
        finally {
            gate.exit();
        }
        assertThat(gate.size()).isEqualTo(2);
        assertThat(client.poll(200, TimeUnit.MILLISECONDS)).as("nothing leaves before the release").isNull();
        gate.release();
        assertThat(client.poll(5, TimeUnit.SECONDS)).isEqualTo("one");
        assertThat(client.poll(5, TimeUnit.SECONDS)).isEqualTo("two");
    }

    @Test
    void discardedGateDeliversNothingButStateChangesStay() throws InterruptedException {
        var pair = new WebSocketPair();
        pair.server().accept();
        BlockingQueue<String> client = listen(pair.client());
        OutputGate gate = new OutputGate();
        gate.enter();
        try {
            pair.server().send("lost");
            pair.server().close(1000, "");
        }
        finally {
            gate.exit();
        }
        assertThat(gate.discard()).isEqualTo(2);
        assertThatIllegalStateException().isThrownBy(() -> pair.server().send("after"))
            .withMessage("Can't call WebSocket send() after close().");
        gate.release();
        assertThat(client.poll(200, TimeUnit.MILLISECONDS)).as("a discarded gate never delivers").isNull();
    }

    @Test
    void attachmentIsACopyAndLimitedTo16KiB() {
        WebSocket socket = new WebSocketPair().server();
        assertThat(socket.deserializeAttachment()).isNull();
        List<Object> value = new ArrayList<>(List.of("a", 1, 2L, 1.5, true, Map.of("k", "v")));
        socket.serializeAttachment(value);
        value.add("changed later");
        assertThat(socket.deserializeAttachment()).isEqualTo(List.of("a", 1, 2L, 1.5, true, Map.of("k", "v")));

        socket.serializeAttachment(new byte[16_384 - 5]);
        assertThat(socket.deserializeAttachment(byte[].class)).hasSize(16_379);
        assertThatIllegalArgumentException().isThrownBy(() -> socket.serializeAttachment(new byte[16_384 - 4]))
            .withMessage("A WebSocket 'attachment' cannot be larger than 16384 bytes.'attachment' was 16385 bytes.");
        assertThat(socket.deserializeAttachment(byte[].class)).as("a rejected value leaves the old one").hasSize(16_379);
        assertThatIllegalArgumentException().isThrownBy(() -> socket.serializeAttachment(new Object()))
            .withMessageContaining("cannot encode a java.lang.Object");
    }
}
