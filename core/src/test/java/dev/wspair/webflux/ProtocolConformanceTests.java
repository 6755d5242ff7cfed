package dev.wspair.webflux;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wspair.ErrorEvent;
import dev.wspair.Event;
import dev.wspair.EventType;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The RFC 6455 conformance checklist (the Autobahn|Testsuite cases of sections 1–7 and 10 that
 * Reactor Netty fails by default), each case a raw-socket client asserting the close code the RFC
 * requires, against a wspair echo route.
 */
@ExtendWith(NoLeaks.class)
class ProtocolConformanceTests {

    private static final BlockingQueue<Event> serverEvents = new LinkedBlockingQueue<>();

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(WebSocketSettings.builder().maxMessageSize(64 * 1024).build(), RouterFunctions.route(path("/echo"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> {
                serverEvents.add(event);
                if (event.isText()) {
                    ws.send(event.text());
                }
                else {
                    ws.send(event.binary());
                }
            });
            ws.addEventListener(EventType.ERROR, serverEvents::add);
            return WebSocketResponse.of(pair.client());
        }));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        serverEvents.clear();
    }

    private static RawWebSocket open() throws Exception {
        return RawWebSocket.open(server.port(), "/echo");
    }

    private static int closeCodeAfter(ThrowingAction action) throws Exception {
        try (RawWebSocket client = open()) {
            action.run(client);
            return client.readUntilClose().closeCode();
        }
    }

    @FunctionalInterface
    interface ThrowingAction {
        void run(RawWebSocket client) throws Exception;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] INVALID_UTF8 = { (byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD, (byte) 0xB9, (byte) 0xCF, (byte) 0x83,
            (byte) 0xCE, (byte) 0xBC, (byte) 0xCE, (byte) 0xB5, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0x65, (byte) 0x64, (byte) 0x69,
            (byte) 0x74, (byte) 0x65, (byte) 0x64 };

    @ParameterizedTest(name = "RSV bits {0} set → 1002")
    @ValueSource(ints = { 0x40, 0x20, 0x10, 0x70 })
    void reservedBitsCloseWith1002(int rsv) throws Exception {
        assertThat(closeCodeAfter(client -> client.sendRaw(0x80 | rsv | RawWebSocket.TEXT, true, bytes("rsv")))).isEqualTo(1002);
        ErrorEvent error = nextServerEvent(ErrorEvent.class);
        assertThat(error.message()).contains("Reserved bits");
    }

    @Test
    void invalidUtf8InATextMessageClosesWith1007() throws Exception {
        assertThat(closeCodeAfter(client -> client.sendFrame(RawWebSocket.TEXT, true, INVALID_UTF8))).isEqualTo(1007);
        assertThat(serverEvents).noneMatch(MessageEvent.class::isInstance);
    }

    @Test
    void invalidUtf8InAFragmentedTextMessageClosesWith1007() throws Exception {
        assertThat(closeCodeAfter(client -> {
            client.sendFrame(RawWebSocket.TEXT, false, bytes("valid start "));
            client.sendFrame(RawWebSocket.CONTINUATION, true, INVALID_UTF8);
        })).isEqualTo(1007);
    }

    @Test
    void validUtf8SplitAcrossFragmentsIsAccepted() throws Exception {
        byte[] euro = bytes("€");
        try (RawWebSocket client = open()) {
            client.sendFrame(RawWebSocket.TEXT, false, new byte[] { euro[0] });
            client.sendFrame(RawWebSocket.CONTINUATION, true, new byte[] { euro[1], euro[2] });
            assertThat(client.readFrame().text()).isEqualTo("€");
        }
    }

    @Test
    void controlFrameOver125BytesClosesWith1002() throws Exception {
        assertThat(closeCodeAfter(client -> client.sendFrame(RawWebSocket.PING, true, new byte[126]))).isEqualTo(1002);
    }

    @Test
    void fragmentedControlFrameClosesWith1002() throws Exception {
        assertThat(closeCodeAfter(client -> client.sendFrame(RawWebSocket.PING, false, bytes("frag")))).isEqualTo(1002);
    }

    @ParameterizedTest(name = "opcode {0} → 1002")
    @ValueSource(ints = { 0x3, 0x7, 0xB, 0xF })
    void unknownOpcodeClosesWith1002(int opcode) throws Exception {
        assertThat(closeCodeAfter(client -> client.sendFrame(opcode, true, bytes("x")))).isEqualTo(1002);
    }

    @Test
    void unmaskedClientFrameClosesWith1002() throws Exception {
        assertThat(closeCodeAfter(client -> client.sendRaw(0x80 | RawWebSocket.TEXT, false, bytes("unmasked")))).isEqualTo(1002);
    }

    @Test
    void continuationWithoutAStartClosesWith1002() throws Exception {
        assertThat(closeCodeAfter(client -> client.sendFrame(RawWebSocket.CONTINUATION, true, bytes("orphan")))).isEqualTo(1002);
    }

    @Test
    void newMessageInsideAFragmentedOneClosesWith1002() throws Exception {
        assertThat(closeCodeAfter(client -> {
            client.sendFrame(RawWebSocket.TEXT, false, bytes("first "));
            client.sendFrame(RawWebSocket.TEXT, true, bytes("second"));
        })).isEqualTo(1002);
    }

    @Test
    void messageOverTheLimitClosesWith1009() throws Exception {
        assertThat(closeCodeAfter(client -> client.sendFrame(RawWebSocket.BINARY, true, new byte[64 * 1024 + 1]))).isEqualTo(1009);
    }

    @Test
    void pingIsAnsweredWithAPongCarryingTheSamePayload() throws Exception {
        try (RawWebSocket client = open()) {
            client.sendFrame(RawWebSocket.PING, true, bytes("are you there"));
            RawWebSocket.Frame pong = client.readFrame();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.text()).isEqualTo("are you there");
        }
    }

    @Test
    void unsolicitedPongIsIgnored() throws Exception {
        try (RawWebSocket client = open()) {
            client.sendFrame(RawWebSocket.PONG, true, bytes("unasked"));
            client.sendText("after pong");
            RawWebSocket.Frame next = client.readFrame();
            assertThat(next.opcode()).isEqualTo(RawWebSocket.TEXT);
            assertThat(next.text()).isEqualTo("after pong");
        }
        assertThat(nextServerEvent(MessageEvent.class).text()).isEqualTo("after pong");
    }

    @Test
    void closeIsEchoedWithItsCode() throws Exception {
        try (RawWebSocket client = open()) {
            client.sendClose(1000, "done");
            RawWebSocket.Frame close = client.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(close.closeReason()).isEqualTo("done");
        }
    }

    /**
     * An invalid received Close fails the connection (RFC 6455 §7.1.7): the code is never echoed,
     * and a Close frame, when one is sent, carries 1002. Netty's decoder drops the TCP connection
     * without a Close frame for the codes it checks itself; wspair's guard sends 1002 for the rest.
     */
    @ParameterizedTest(name = "received close code {0} fails the connection")
    @ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
    void invalidReceivedCloseCodeFailsTheConnection(int code) throws Exception {
        assertConnectionFailed(client -> client.sendClose(code, ""), 1002);
        assertThat(nextServerEvent(ErrorEvent.class)).isNotNull();
    }

    @ParameterizedTest(name = "received close code {0} is echoed")
    @ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999 })
    void validReceivedCloseCodeIsEchoed(int code) throws Exception {
        assertThat(closeCodeAfter(client -> client.sendClose(code, ""))).isEqualTo(code);
    }

    @Test
    void oneByteCloseBodyFailsTheConnection() throws Exception {
        assertConnectionFailed(client -> client.sendFrame(RawWebSocket.CLOSE, true, new byte[] { 3 }), 1002);
    }

    @Test
    void invalidUtf8CloseReasonFailsTheConnection() throws Exception {
        assertConnectionFailed(client -> client.sendClose(1000, INVALID_UTF8), 1007);
    }

    private static void assertConnectionFailed(ThrowingAction action, int codeIfAny) throws Exception {
        try (RawWebSocket client = open()) {
            action.run(client);
            RawWebSocket.Frame frame;
            try {
                frame = client.readFrame();
            }
            catch (EOFException ex) {
                return;
            }
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(codeIfAny);
            assertThat(client.awaitEndOfStream()).isTrue();
        }
    }

    @Test
    void nothingIsProcessedAfterAViolation() throws Exception {
        try (RawWebSocket client = open()) {
            client.writeTogether(RawWebSocket.encode(0x80 | 0x40 | RawWebSocket.TEXT, true, bytes("bad")),
                    RawWebSocket.encode(0x80 | RawWebSocket.PING, true, bytes("late ping")),
                    RawWebSocket.encode(0x80 | RawWebSocket.TEXT, true, bytes("late text")));
            RawWebSocket.Frame first = client.readFrame();
            assertThat(first.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(first.closeCode()).isEqualTo(1002);
            assertThat(client.awaitEndOfStream()).isTrue();
        }
        assertThat(nextServerEvent(ErrorEvent.class)).isNotNull();
        assertThat(serverEvents).noneMatch(MessageEvent.class::isInstance);
    }

    @Test
    void fragmentedTextAndBinaryAreReassembledWithPingsInBetween() throws Exception {
        try (RawWebSocket client = open()) {
            client.sendFrame(RawWebSocket.TEXT, false, bytes("Hel"));
            client.sendFrame(RawWebSocket.PING, true, bytes("mid"));
            client.sendFrame(RawWebSocket.CONTINUATION, true, bytes("lo"));
            assertThat(client.readFrame().opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(client.readFrame().text()).isEqualTo("Hello");
            client.sendFrame(RawWebSocket.BINARY, false, new byte[] { 1, 2 });
            client.sendFrame(RawWebSocket.CONTINUATION, true, new byte[] { 3 });
            RawWebSocket.Frame binary = client.readFrame();
            assertThat(binary.opcode()).isEqualTo(RawWebSocket.BINARY);
            assertThat(binary.payload()).containsExactly(1, 2, 3);
        }
    }

    private static <E extends Event> E nextServerEvent(Class<E> type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Event event = serverEvents.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
    }
}
