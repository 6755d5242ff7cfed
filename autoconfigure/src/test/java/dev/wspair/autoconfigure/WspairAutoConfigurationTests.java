package dev.wspair.autoconfigure;

import java.time.Duration;

import dev.wspair.webflux.ConnectionLimits;
import dev.wspair.webflux.KeepAlive;
import dev.wspair.webflux.OverflowPolicy;
import dev.wspair.webflux.WebSocketConnections;
import dev.wspair.webflux.WebSocketResultHandler;
import dev.wspair.webflux.WebSocketSettings;
import dev.wspair.webflux.WebSocketUpgrader;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WspairAutoConfiguration}: defaults, property overrides, replaced beans and non-reactive apps. */
class WspairAutoConfigurationTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WspairAutoConfiguration.class));

    @Test
    void registersTheBridgeWithDefaultSettings() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(WebSocketUpgrader.class)
                .hasSingleBean(WebSocketResultHandler.class)
                .hasSingleBean(WebSocketService.class);
            WebSocketSettings settings = context.getBean(WebSocketSettings.class);
            assertThat(settings.maxMessageSize()).isEqualTo(1024 * 1024);
            assertThat(settings.maxFrameSize()).isEqualTo(1024 * 1024);
            assertThat(settings.compression()).isFalse();
            assertThat(settings.maxQueuedMessages()).isEqualTo(1024);
            assertThat(settings.maxQueuedBytes()).isEqualTo(1024 * 1024);
            assertThat(settings.overflowPolicy()).isEqualTo(OverflowPolicy.CLOSE_POLICY_VIOLATION);
            assertThat(settings.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.sendTimeLimit()).isEqualTo(Duration.ofSeconds(10));
            assertThat(context.getBean(WebSocketUpgrader.class).settings()).isSameAs(settings);
            assertThat(context.getBean(WebSocketUpgrader.class).connections()).isSameAs(context.getBean(WebSocketConnections.class));
        });
    }

    @Test
    void webSocketServiceCarriesTheFrameLimitAndIsExposedToWebFlux() {
        this.runner.withPropertyValues("wspair.max-frame-size=64KB", "wspair.compression=true").run(context -> {
            WebSocketService service = context.getBean(WebSocketService.class);
            var strategy = (ReactorNettyRequestUpgradeStrategy) ((HandshakeWebSocketService) service).getUpgradeStrategy();
            assertThat(strategy.getWebsocketServerSpec().maxFramePayloadLength()).isEqualTo(64 * 1024);
            assertThat(strategy.getWebsocketServerSpec().compress()).isTrue();
            assertThat(context.getBeansOfType(WebFluxConfigurer.class).values())
                .anySatisfy(configurer -> assertThat(configurer.getWebSocketService()).isSameAs(service));
        });
    }

    @Test
    void propertiesOverrideTheDefaults() {
        this.runner.withPropertyValues("wspair.max-message-size=32MB", "wspair.max-frame-size=256KB",
                "wspair.compression=true", "wspair.close-timeout=2s", "wspair.outbound.max-queued-messages=10",
                "wspair.outbound.max-queued-bytes=64KB", "wspair.outbound.overflow-policy=close-try-again-later",
                "wspair.outbound.send-time-limit=3s")
            .run(context -> {
                WebSocketSettings settings = context.getBean(WebSocketSettings.class);
                assertThat(settings.maxMessageSize()).isEqualTo(32L * 1024 * 1024);
                assertThat(settings.maxFrameSize()).isEqualTo(256 * 1024);
                assertThat(settings.compression()).isTrue();
                assertThat(settings.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(settings.maxQueuedMessages()).isEqualTo(10);
                assertThat(settings.maxQueuedBytes()).isEqualTo(64 * 1024);
                assertThat(settings.overflowPolicy()).isEqualTo(OverflowPolicy.CLOSE_TRY_AGAIN_LATER);
                assertThat(settings.sendTimeLimit()).isEqualTo(Duration.ofSeconds(3));
            });
    }

    @Test
    void hardeningDefaultsAreOnAndPropertiesChangeThem() {
        this.runner.run(context -> {
            WebSocketSettings settings = context.getBean(WebSocketSettings.class);
            assertThat(settings.originPolicy().allowed()).isEmpty();
            assertThat(settings.originPolicy().allowMissing()).isTrue();
            assertThat(settings.limits()).isEqualTo(ConnectionLimits.DEFAULTS);
            assertThat(settings.keepAlive()).isEqualTo(KeepAlive.DEFAULTS);
            assertThat(context).hasSingleBean(WebSocketShutdown.class);
        });
        this.runner.withPropertyValues("wspair.origin.allowed=https://app.example.com,https://*.example.org",
                "wspair.origin.allow-missing=false", "wspair.limits.max-connections=50", "wspair.limits.max-connections-per-address=5",
                "wspair.limits.handshakes-per-second-per-address=2", "wspair.limits.handshake-burst=4",
                "wspair.keep-alive.interval=10s", "wspair.keep-alive.timeout=3s")
            .run(context -> {
                WebSocketSettings settings = context.getBean(WebSocketSettings.class);
                assertThat(settings.originPolicy().allowed()).containsExactly("https://app.example.com", "https://*.example.org");
                assertThat(settings.originPolicy().allowMissing()).isFalse();
                assertThat(settings.limits()).isEqualTo(new ConnectionLimits(50, 5, 2, 4));
                assertThat(settings.keepAlive()).isEqualTo(new KeepAlive(Duration.ofSeconds(10), Duration.ofSeconds(3)));
            });
        this.runner.withPropertyValues("wspair.keep-alive.enabled=false")
            .run(context -> assertThat(context.getBean(WebSocketSettings.class).keepAlive()).isEqualTo(KeepAlive.OFF));
    }

    @Test
    void perAddressCapAboveTheTotalFailsWithAClearMessage() {
        this.runner.withPropertyValues("wspair.limits.max-connections=10", "wspair.limits.max-connections-per-address=20").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessage("maxConnectionsPerAddress (20) must not exceed maxConnections (10)");
        });
    }

    @Test
    void messageLimitAboveWorkersLimitFailsWithAClearMessage() {
        this.runner.withPropertyValues("wspair.max-message-size=33MB").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMessageSize must be between 1 byte and 32 MiB");
        });
    }

    @Test
    void frameLimitAboveMessageLimitFailsWithAClearMessage() {
        this.runner.withPropertyValues("wspair.max-message-size=64KB", "wspair.max-frame-size=128KB").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessage("maxFrameSize (131072) must not exceed maxMessageSize (65536)");
        });
    }

    @Test
    void userBeansReplaceTheDefaults() {
        WebSocketSettings custom = WebSocketSettings.builder().maxQueuedMessages(7).build();
        WebSocketUpgrader upgrader = new WebSocketUpgrader(custom);
        WebSocketResultHandler resultHandler = new WebSocketResultHandler(upgrader);
        WebSocketService service = WebSocketUpgrader.webSocketService(custom);
        this.runner.withBean(WebSocketSettings.class, () -> custom)
            .withBean(WebSocketUpgrader.class, () -> upgrader)
            .withBean(WebSocketResultHandler.class, () -> resultHandler)
            .withBean(WebSocketService.class, () -> service)
            .run(context -> {
                assertThat(context.getBean(WebSocketSettings.class)).isSameAs(custom);
                assertThat(context.getBean(WebSocketUpgrader.class)).isSameAs(upgrader);
                assertThat(context.getBean(WebSocketResultHandler.class)).isSameAs(resultHandler);
                assertThat(context.getBean(WebSocketService.class)).isSameAs(service);
            });
    }

    @Test
    void userSettingsFeedTheDefaultUpgrader() {
        WebSocketSettings custom = WebSocketSettings.builder().maxQueuedMessages(7).build();
        this.runner.withBean(WebSocketSettings.class, () -> custom)
            .run(context -> assertThat(context.getBean(WebSocketUpgrader.class).settings()).isSameAs(custom));
    }

    @Test
    void servletApplicationGetsNothing() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(WspairAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(WebSocketUpgrader.class)
                .doesNotHaveBean(WebSocketSettings.class)
                .doesNotHaveBean(WebSocketService.class));
    }

    @Test
    void nonWebApplicationGetsNothing() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WspairAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(WebSocketUpgrader.class)
                .doesNotHaveBean(WebSocketSettings.class));
    }
}
