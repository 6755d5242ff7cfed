package dev.wspair.benchmarks.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.wspair.sample.chat.ChatApplication;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.reactive.GenericReactiveWebApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

/**
 * The chat sample as its users run it — Spring Boot, the starter's auto-configuration,
 * {@code ChatWorker} in front of {@code ChatRoom} Durable Objects — with only its settings changed
 * on the command line: the rate limiter and wspair's connection caps raised above the benchmark's
 * rates, keep-alive off and wspair's meters off like every other contender (scenario 6 measures
 * the meters), and rooms stored in SQLite in a fresh directory or in memory. Spring Boot builds the
 * application's {@link HttpHandler} without a server of its own: it is served on the benchmark's
 * shared {@link HttpServer} base, as every other contender. Boot's Netty server auto-configuration
 * is left out with that server, because its {@code ReactorResourceFactory} owns Reactor Netty's
 * global event loops and disposes them when the application closes, which in a smoke run would
 * also close the next contender's server. Disposing the server closes the application off the
 * event loop, whose shutdown blocks.
 */
final class ChatRoomServer {

    /** The room every member joins, as the page's {@code /api/room/<name>/websocket}. */
    static final String PATH = "/api/room/bench/websocket";

    /** The thread that closes the application once its server is disposed. */
    static final String SHUTDOWN_THREAD = "chat-room-shutdown";

    private static final String NETTY_SERVER_AUTO_CONFIGURATION = "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration";

    private ChatRoomServer() {
    }

    static DisposableServer start(HttpServer base, boolean sqlite) {
        Path data = temporaryDirectory();
        List<String> args = new ArrayList<>(List.of("--wspair.objects.store=" + (sqlite ? "sqlite" : "memory"),
                "--wspair.objects.data-directory=" + data,
                "--chat.rate-limit.period=1us", "--chat.rate-limit.burst=1000000000",
                "--wspair.keep-alive.enabled=false",
                "--wspair.limits.max-connections=" + BenchSettings.WSPAIR.limits().maxConnections(),
                "--wspair.limits.max-connections-per-address=" + BenchSettings.WSPAIR.limits().maxConnectionsPerAddress(),
                "--wspair.limits.handshakes-per-second-per-address=" + BenchSettings.WSPAIR.limits().handshakesPerSecondPerAddress(),
                "--wspair.limits.handshake-burst=" + BenchSettings.WSPAIR.limits().handshakeBurst(),
                "--wspair.outbound.max-queued-messages=" + BenchSettings.CHAT_QUEUED_MESSAGES,
                "--wspair.metrics.enabled=false",
                "--spring.autoconfigure.exclude=" + NETTY_SERVER_AUTO_CONFIGURATION,
                "--logging.level.dev.wspair=WARN"));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatApplication.class)
            .web(WebApplicationType.REACTIVE)
            .contextFactory(ApplicationContextFactory.of(GenericReactiveWebApplicationContext::new))
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .run(args.toArray(String[]::new));
        HttpHandler handler = context.getBean(HttpHandler.class);
        DisposableServer server = base.handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(data), "chat-room-data-cleanup"));
        server.onDispose(() -> new Thread(() -> {
            context.close();
            delete(data);
        }, SHUTDOWN_THREAD).start());
        return server;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("wspair-bench-chat");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Deletes the data directory: when the server is disposed (in-process runs) or, since a
     * server JVM exits without disposing, when that JVM exits.
     */
    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
        catch (IOException ex) {
            System.err.println("Could not delete " + directory + ": " + ex);
        }
    }
}
