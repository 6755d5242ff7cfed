package dev.wspair.autoconfigure;

import javax.net.ssl.SSLException;

import dev.wspair.client.WebSocketClient;
import dev.wspair.webflux.WebSocketSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration of wspair's outbound WebSockets: a {@link WebSocketClient} — Workers'
 * {@code fetch()} upgrade and {@code new WebSocket(url)} — with the {@code wspair.client.*}
 * timeouts and limits, TLS from the SSL bundle named by {@code wspair.client.ssl.bundle}, and the
 * event loops of the application's {@link ReactorResourceFactory} when it has one (each socket gets
 * a connection of its own, not one from a pool). Its sockets are closed with 1001 when the
 * application stops. Both beans back off when the application declares its own.
 */
@AutoConfiguration(after = { WspairAutoConfiguration.class, SslAutoConfiguration.class },
        afterName = "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration")
@ConditionalOnClass({ WebSocketClient.class, HttpClient.class })
@EnableConfigurationProperties(WspairProperties.class)
public final class WspairClientAutoConfiguration {

    WspairClientAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    WebSocketClient wspairWebSocketClient(WspairProperties properties, ObjectProvider<WebSocketSettings> serverSettings,
            ObjectProvider<ReactorResourceFactory> resources, ObjectProvider<SslBundles> sslBundles) {
        WspairProperties.Client client = properties.getClient();
        HttpClient httpClient = httpClient(resources.getIfAvailable());
        String bundle = client.getSsl().getBundle();
        if (bundle != null) {
            httpClient = secure(httpClient, bundle, sslBundles.getIfAvailable());
        }
        return WebSocketClient.builder()
            .httpClient(httpClient)
            .settings(settings(client, serverSettings.getIfAvailable(WebSocketSettings::defaults)))
            .connectTimeout(client.getConnectTimeout())
            .handshakeTimeout(client.getHandshakeTimeout())
            .build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "wspairWebSocketClientShutdown")
    WebSocketShutdown wspairWebSocketClientShutdown(WebSocketClient client, WspairProperties properties) {
        return new WebSocketShutdown(client.connections(), properties.getShutdown().getTimeout());
    }

    /** The server's settings (queue, keep-alive, close timeout), with the client's own size limits. */
    private static WebSocketSettings settings(WspairProperties.Client client, WebSocketSettings base) {
        WebSocketSettings.Builder builder = base.toBuilder();
        DataSize maxMessageSize = client.getMaxMessageSize();
        if (maxMessageSize != null) {
            builder.maxMessageSize(maxMessageSize.toBytes());
            builder.maxFrameSize(Math.min(base.maxFrameSize(), maxMessageSize.toBytes()));
        }
        PropertyMapper.get().from(client::getMaxFrameSize).as(DataSize::toBytes).to(builder::maxFrameSize);
        return builder.build();
    }

    private static HttpClient httpClient(@Nullable ReactorResourceFactory resources) {
        return (resources != null) ? HttpClient.newConnection().runOn(resources.getLoopResources()) : HttpClient.newConnection();
    }

    private static HttpClient secure(HttpClient httpClient, String name, @Nullable SslBundles sslBundles) {
        if (sslBundles == null) {
            throw new IllegalStateException("wspair.client.ssl.bundle is '" + name + "', but the application has no SSL bundles");
        }
        SslBundle bundle;
        try {
            bundle = sslBundles.getBundle(name);
        }
        catch (NoSuchSslBundleException ex) {
            throw new IllegalStateException("wspair.client.ssl.bundle is '" + name + "', but there is no SSL bundle of that name; define it under "
                    + "spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name, ex);
        }
        SslContext context = sslContext(bundle, name);
        return httpClient.secure(spec -> spec.sslContext(context));
    }

    private static SslContext sslContext(SslBundle bundle, String name) {
        SslManagerBundle managers = bundle.getManagers();
        SslOptions options = bundle.getOptions();
        try {
            return SslContextBuilder.forClient()
                .keyManager(managers.getKeyManagerFactory())
                .trustManager(managers.getTrustManagerFactory())
                .ciphers(SslOptions.asSet(options.getCiphers()))
                .protocols(options.getEnabledProtocols())
                .build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException("The SSL bundle '" + name + "' named by wspair.client.ssl.bundle cannot make a TLS client context: "
                    + ex.getMessage(), ex);
        }
    }
}
