package dev.wspair.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.client.WebSocketClient;
import dev.wspair.client.WebSocketConnectException;
import dev.wspair.webflux.WebSocketSettings;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link WspairClientAutoConfiguration}: defaults, property overrides, the application's Reactor
 * resources, SSL bundles (a real TLS handshake) and a missing bundle.
 */
class WspairClientAutoConfigurationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WspairAutoConfiguration.class, WspairClientAutoConfiguration.class, SslAutoConfiguration.class));

    @Test
    void defaultClientHasTenSecondTimeoutsAndTheServersLimitsWithoutTls() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(WebSocketClient.class);
            WebSocketClient client = context.getBean(WebSocketClient.class);
            assertThat(client.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(client.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(client.httpClient().configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(10_000);
            assertThat(client.httpClient().configuration().sslProvider()).isNull();
            WebSocketSettings server = context.getBean(WebSocketSettings.class);
            assertThat(client.settings().maxMessageSize()).isEqualTo(server.maxMessageSize()).isEqualTo(1024 * 1024);
            assertThat(client.settings().maxFrameSize()).isEqualTo(1024 * 1024);
            assertThat(client.settings().maxQueuedBytes()).isEqualTo(server.maxQueuedBytes());
            assertThat(client.settings().keepAlive()).isEqualTo(server.keepAlive());
        });
    }

    @Test
    void clientPropertiesOverrideTheDefaults() {
        this.runner.withPropertyValues("wspair.client.connect-timeout=2s", "wspair.client.handshake-timeout=3s",
                "wspair.client.max-message-size=256KB", "wspair.client.max-frame-size=16KB", "wspair.outbound.max-queued-bytes=64KB")
            .run(context -> {
                WebSocketClient client = context.getBean(WebSocketClient.class);
                assertThat(client.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(client.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(client.httpClient().configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(2_000);
                assertThat(client.settings().maxMessageSize()).isEqualTo(256 * 1024);
                assertThat(client.settings().maxFrameSize()).isEqualTo(16 * 1024);
                assertThat(client.settings().maxQueuedBytes()).isEqualTo(64 * 1024);
            });
    }

    @Test
    void clientMessageLimitFollowsTheServersAndBringsTheFrameLimitDownWithIt() {
        this.runner.withPropertyValues("wspair.max-message-size=2MB").run(context -> {
            assertThat(context.getBean(WebSocketClient.class).settings().maxMessageSize()).isEqualTo(2L * 1024 * 1024);
        });
        this.runner.withPropertyValues("wspair.client.max-message-size=64KB").run(context -> {
            WebSocketSettings settings = context.getBean(WebSocketClient.class).settings();
            assertThat(settings.maxMessageSize()).isEqualTo(64 * 1024);
            assertThat(settings.maxFrameSize()).isEqualTo(64 * 1024);
        });
    }

    @Test
    void clientFrameLimitAboveItsMessageLimitFailsWithAClearMessage() {
        this.runner.withPropertyValues("wspair.client.max-message-size=64KB", "wspair.client.max-frame-size=128KB").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage("maxFrameSize (131072) must not exceed maxMessageSize (65536)");
        });
    }

    @Test
    void clientRunsOnTheApplicationsEventLoopsWithAConnectionPerSocket() {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        this.runner.withBean(ReactorResourceFactory.class, () -> resources).run(context -> {
            WebSocketClient client = context.getBean(WebSocketClient.class);
            assertThat(client.httpClient().configuration().loopResources()).isSameAs(resources.getLoopResources());
            assertThat(client.httpClient().configuration().connectionProvider()).as("no pool").isSameAs(ConnectionProvider.newConnection());
        });
    }

    @Test
    void clientWorksWithoutAWebServer() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WspairClientAutoConfiguration.class))
            .run(context -> assertThat(context.getBean(WebSocketClient.class).settings().maxMessageSize())
                .isEqualTo(WebSocketSettings.defaults().maxMessageSize()));
    }

    @Test
    void userClientReplacesTheDefault() {
        WebSocketClient custom = WebSocketClient.builder().handshakeTimeout(Duration.ofSeconds(1)).build();
        this.runner.withBean(WebSocketClient.class, () -> custom)
            .run(context -> assertThat(context.getBean(WebSocketClient.class)).isSameAs(custom));
    }

    @Test
    void missingSslBundleStopsTheApplicationNamingTheProperty() {
        this.runner.withPropertyValues("wspair.client.ssl.bundle=upstream").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("SSL bundle name 'upstream' cannot be found");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("wspair.client.ssl.bundle is 'upstream', but there is no SSL bundle of that name; "
                    + "define it under spring.ssl.bundle.pem.upstream or spring.ssl.bundle.jks.upstream");
        });
    }

    @Test
    void sslBundleTrustsTheUpstreamsCertificateForARealHandshake() throws Exception {
        DisposableServer upstream = tlsEchoServer();
        String url = "https://127.0.0.1:" + upstream.port() + "/echo";
        try {
            this.runner.withPropertyValues("spring.ssl.bundle.pem.upstream.truststore.certificate=classpath:tls/server.crt",
                    "wspair.client.ssl.bundle=upstream")
                .run(context -> {
                    WebSocket ws = context.getBean(WebSocketClient.class).fetch(url).block(TIMEOUT).webSocket();
                    BlockingQueue<String> replies = new LinkedBlockingQueue<>();
                    ws.addEventListener(EventType.MESSAGE, event -> replies.add(event.text()));
                    ws.accept();
                    ws.send("over tls");
                    assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("over tls");
                    ws.close(1000, "done");
                });
            this.runner.run(context -> assertThatThrownBy(() -> context.getBean(WebSocketClient.class).fetch(url).block(TIMEOUT))
                .as("without the bundle the JDK does not trust the certificate")
                .isInstanceOf(WebSocketConnectException.class)
                .hasMessageStartingWith("Could not open a WebSocket to wss://127.0.0.1:" + upstream.port() + "/echo: "));
        }
        finally {
            upstream.disposeNow();
        }
    }

    /** A Reactor Netty server with the test certificate that echoes every frame on /echo. */
    private static DisposableServer tlsEchoServer() throws Exception {
        SslContext context;
        try (InputStream certificate = resource("tls/server.crt"); InputStream key = resource("tls/server.key")) {
            context = SslContextBuilder.forServer(certificate, key).build();
        }
        return HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .secure(spec -> spec.sslContext(context))
            .route(routes -> routes.ws("/echo", (in, out) -> out.sendObject(in.receiveFrames().map(WebSocketFrame::retain))))
            .bindNow();
    }

    private static InputStream resource(String path) {
        return WspairClientAutoConfigurationTests.class.getClassLoader().getResourceAsStream(path);
    }
}
