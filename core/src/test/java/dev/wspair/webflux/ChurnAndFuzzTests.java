package dev.wspair.webflux;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RawWebSocket;
import dev.wspair.testing.TestServer;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * Connection churn, floods and hostile input: after 10,000 connections come and go, after a
 * connection flood and a handshake flood from one address, after slow consumers, and after random
 * bytes, truncated frames and garbage handshakes, file descriptors and heap return to their
 * baseline, the server keeps serving a well-behaved client, nothing crashes and (at Netty's
 * paranoid leak level) no pooled buffer leaks.
 */
@ExtendWith(NoLeaks.class)
class ChurnAndFuzzTests {

    private static WebSocketUpgrader upgrader;

    private static TestServer server;

    @BeforeAll
    static void start() {
        upgrader = new WebSocketUpgrader(WebSocketSettings.builder()
            .limits(new ConnectionLimits(20_000, 20_000, 100_000, 100_000))
            .closeTimeout(Duration.ofSeconds(1))
            .build());
        server = TestServer.start(upgrader, RouterFunctions.route(path("/echo"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> ws.send(event.isText() ? event.text() : "binary"));
            return WebSocketResponse.of(pair.client());
        }));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tenThousandConnectionsComeAndGoWithoutLeakingDescriptorsOrHeap() throws Exception {
        try (RawWebSocket steady = RawWebSocket.open(server.port(), "/echo")) {
            warmUp();
            long fdBaseline = openDescriptors();
            long heapBaseline = usedHeapAfterGc();
            for (int i = 0; i < 10_000; i++) {
                try (RawWebSocket client = RawWebSocket.open(server.port(), "/echo")) {
                    if (i % 3 == 0) {
                        client.sendClose(1000, "bye");
                        client.readUntilClose();
                    }
                }
                if (i % 2_500 == 0) {
                    steady.sendText("still here " + i);
                    assertThat(steady.readFrame().text()).isEqualTo("still here " + i);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> upgrader.connections().size() == 1);
            if (fdBaseline >= 0) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(openDescriptors()).isLessThanOrEqualTo(fdBaseline + 16));
            }
            assertThat(usedHeapAfterGc()).isLessThan(heapBaseline + 64L * 1024 * 1024);
            steady.sendText("after churn");
            assertThat(steady.readFrame().text()).isEqualTo("after churn");
        }
    }

    @Test
    void connectionAndHandshakeFloodsLeaveDescriptorsAndHeapAtBaselineWhileAWellBehavedClientIsServed() throws Exception {
        WebSocketUpgrader capped = new WebSocketUpgrader(WebSocketSettings.builder()
            .limits(new ConnectionLimits(1_000, 50, 20, 40))
            .maxQueuedMessages(64)
            .closeTimeout(Duration.ofSeconds(30))
            .build());
        try (TestServer floodable = TestServer.start(capped, RouterFunctions.route(path("/echo"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> {
                if (event.text().startsWith("flood")) {
                    for (int i = 0; i < 50_000 && ws.readyState() == WebSocket.READY_STATE_OPEN; i++) {
                        ws.send("x".repeat(1024));
                    }
                }
                else {
                    ws.send(event.text());
                }
            });
            return WebSocketResponse.of(pair.client());
        })); RawWebSocket steady = RawWebSocket.openFrom("127.0.0.2", floodable.port(), "/echo")) {
            for (int i = 0; i < 3; i++) {
                RawWebSocket.open(floodable.port(), "/echo").close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> capped.connections().size() == 1);
            long fdBaseline = openDescriptors();
            long heapBaseline = usedHeapAfterGc();

            List<RawWebSocket> flood = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 60; i++) {
                try {
                    flood.add(RawWebSocket.open(floodable.port(), "/echo"));
                }
                catch (IOException ex) {
                    assertThat(ex).hasMessageContaining("503");
                    refused++;
                }
            }
            assertThat(flood).hasSizeLessThanOrEqualTo(50);
            assertThat(refused).isPositive();
            for (RawWebSocket socket : flood) {
                socket.close();
            }
            assertEchoes(steady, "after the connection flood");

            int rateLimited = 0;
            for (int i = 0; i < 100; i++) {
                try {
                    RawWebSocket.open(floodable.port(), "/echo").close();
                }
                catch (IOException ex) {
                    assertThat(ex).hasMessageContaining("503");
                    rateLimited++;
                }
            }
            assertThat(rateLimited).as("handshakes refused by the rate limit").isPositive();
            assertEchoes(steady, "after the handshake flood");

            await().atMost(Duration.ofSeconds(30)).until(() -> capped.connections().size() == 1);
            if (fdBaseline >= 0) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(openDescriptors()).isLessThanOrEqualTo(fdBaseline + 16));
            }
            assertThat(usedHeapAfterGc()).isLessThan(heapBaseline + 64L * 1024 * 1024);
            assertEchoes(steady, "after the floods");
        }
    }

    /**
     * Slow consumers that do not read until the server has given up on them. Left to autotuning, a
     * loopback connection's send buffer grows to {@code tcp_wmem}'s maximum (4 MiB by default) and
     * could absorb the whole flood, so the server's send buffer and the clients' receive buffers
     * are set small: then each flood of 4 MiB is far more than the queue (16 KiB), Reactor Netty's
     * prefetch (256 frames), Netty's write high-water mark (64 KiB) and those buffers hold
     * together, and every queue overflows whatever the machine.
     */
    @Test
    void slowConsumersAreClosedWith1008AndLeaveDescriptorsAndHeapAtBaselineWhileAWellBehavedClientIsServed() throws Exception {
        int smallBuffer = 8 * 1024;
        int floodMessages = 4_096;
        WebSocketUpgrader bounded = new WebSocketUpgrader(WebSocketSettings.builder()
            .maxQueuedMessages(16)
            .maxQueuedBytes(16 * 1024)
            .closeTimeout(Duration.ofSeconds(30))
            .build());
        AtomicInteger overflows = new AtomicInteger();
        try (TestServer flooding = TestServer.start(bounded, RouterFunctions.route(path("/echo"), request -> {
            var pair = new WebSocketPair();
            WebSocket ws = pair.server();
            ws.accept();
            ws.addEventListener(EventType.MESSAGE, event -> {
                if (event.text().equals("flood")) {
                    String chunk = "x".repeat(1024);
                    for (int i = 0; i < floodMessages && ws.readyState() == WebSocket.READY_STATE_OPEN; i++) {
                        ws.send(chunk);
                    }
                }
                else {
                    ws.send(event.text());
                }
            });
            ws.addEventListener(EventType.ERROR, event -> {
                if (event.error() instanceof OutboundQueueOverflowException) {
                    overflows.incrementAndGet();
                }
            });
            return WebSocketResponse.of(pair.client());
        }), http -> http.childOption(ChannelOption.SO_SNDBUF, smallBuffer)); RawWebSocket steady = RawWebSocket.open(flooding.port(), "/echo")) {
            for (int i = 0; i < 3; i++) {
                RawWebSocket.open(flooding.port(), "/echo", smallBuffer).close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> bounded.connections().size() == 1);
            long fdBaseline = openDescriptors();
            long heapBaseline = usedHeapAfterGc();

            List<RawWebSocket> slow = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                RawWebSocket consumer = RawWebSocket.open(flooding.port(), "/echo", smallBuffer);
                slow.add(consumer);
                consumer.sendText("flood");
                assertEchoes(steady, "while slow consumer " + i + " does not read");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> overflows.get() == slow.size());
            assertEchoes(steady, "after the slow consumers overflowed");
            for (RawWebSocket consumer : slow) {
                RawWebSocket.Frame close = consumer.readUntilClose();
                assertThat(close.closeCode()).isEqualTo(1008);
                assertThat(close.closeReason()).startsWith("Outbound queue full");
                assertThat(consumer.awaitEndOfStream()).isTrue();
                consumer.close();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> bounded.connections().size() == 1);
            if (fdBaseline >= 0) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(openDescriptors()).isLessThanOrEqualTo(fdBaseline + 16));
            }
            assertThat(usedHeapAfterGc()).isLessThan(heapBaseline + 64L * 1024 * 1024);
            assertEchoes(steady, "after the slow consumers");
        }
    }

    private static void assertEchoes(RawWebSocket client, String text) throws IOException {
        client.sendText(text);
        assertThat(client.readFrame().text()).isEqualTo(text);
    }

    @Test
    void randomBytesTruncatedFramesAndGarbageHandshakesNeitherCrashNorLeak() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            switch (round % 4) {
                case 0 -> garbageHandshake(random);
                case 1 -> randomBytesAfterHandshake(random);
                case 2 -> truncatedFrame(random);
                default -> oversizedLengthHeader();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> upgrader.connections().size() == 0);
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/echo")) {
            client.sendText("healthy");
            assertThat(client.readFrame().text()).isEqualTo("healthy");
        }
    }

    private static void garbageHandshake(Random random) throws IOException {
        byte[] junk = new byte[1 + random.nextInt(2048)];
        random.nextBytes(junk);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(junk);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            assertThat(drain(socket)).isTrue();
        }
    }

    private static void randomBytesAfterHandshake(Random random) throws IOException {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/echo")) {
            byte[] junk = new byte[1 + random.nextInt(4096)];
            random.nextBytes(junk);
            client.writeRaw(junk);
            RawWebSocket.Frame frame = client.readFrameOrNull();
            while (frame != null && frame.opcode() != RawWebSocket.CLOSE) {
                frame = client.readFrameOrNull();
            }
            if (frame != null) {
                assertThat(frame.closeCode()).isIn(1002, 1007, 1009);
            }
        }
    }

    private static void truncatedFrame(Random random) throws IOException {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/echo")) {
            client.writeRaw(new byte[] { (byte) 0x81, (byte) (0x80 | 100), 1, 2, 3, 4, 'h', 'i' });
        }
    }

    private static void oversizedLengthHeader() throws IOException {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/echo")) {
            client.writeRaw(new byte[] { (byte) 0x82, (byte) (0x80 | 127), 0x7F, -1, -1, -1, -1, -1, -1, -1, 1, 2, 3, 4 });
            RawWebSocket.Frame close = client.readFrameOrNull();
            if (close != null) {
                assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
                assertThat(close.closeCode()).isIn(1002, 1009);
            }
        }
    }

    private static boolean drain(Socket socket) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            long total = 0;
            for (int read = socket.getInputStream().read(buffer); read != -1; read = socket.getInputStream().read(buffer)) {
                total += read;
            }
            return total >= 0;
        }
        catch (SocketException ex) {
            return true;
        }
    }

    private static void warmUp() throws IOException {
        for (int i = 0; i < 500; i++) {
            RawWebSocket.open(server.port(), "/echo").close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> upgrader.connections().size() == 1);
    }

    private static long openDescriptors() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.count();
        }
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
