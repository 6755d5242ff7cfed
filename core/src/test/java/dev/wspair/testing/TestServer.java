package dev.wspair.testing;

import java.util.function.UnaryOperator;

import dev.wspair.webflux.WebSocketSettings;
import dev.wspair.webflux.WebSocketUpgrader;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;

/** A real Reactor Netty server on a random port serving router functions through a given upgrader. */
public final class TestServer implements AutoCloseable {

    private final GenericApplicationContext context;

    private final DisposableServer server;

    private TestServer(GenericApplicationContext context, DisposableServer server) {
        this.context = context;
        this.server = server;
    }

    public static TestServer start(WebSocketSettings settings, RouterFunction<ServerResponse> routes) {
        return start(new WebSocketUpgrader(settings), routes);
    }

    public static TestServer start(WebSocketUpgrader upgrader, RouterFunction<ServerResponse> routes) {
        return start(upgrader, routes, UnaryOperator.identity());
    }

    /** Starts a server whose Reactor Netty configuration is adjusted, for example with socket options. */
    public static TestServer start(WebSocketSettings settings, RouterFunction<ServerResponse> routes, UnaryOperator<HttpServer> customizer) {
        return start(new WebSocketUpgrader(settings), routes, customizer);
    }

    /** Starts a server with a given upgrader (to watch its connections) and an adjusted Reactor Netty configuration. */
    public static TestServer start(WebSocketUpgrader upgrader, RouterFunction<ServerResponse> routes, UnaryOperator<HttpServer> customizer) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean(WebSocketUpgrader.class, () -> upgrader);
        context.refresh();
        HttpWebHandlerAdapter httpHandler = new HttpWebHandlerAdapter(RouterFunctions.toWebHandler(routes));
        httpHandler.setApplicationContext(context);
        DisposableServer server = customizer.apply(HttpServer.create().host("127.0.0.1").port(0))
            .handle(new ReactorHttpHandlerAdapter(httpHandler))
            .bindNow();
        return new TestServer(context, server);
    }

    public int port() {
        return this.server.port();
    }

    public String url(String path) {
        return "ws://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        this.server.disposeNow();
        this.context.close();
    }
}
