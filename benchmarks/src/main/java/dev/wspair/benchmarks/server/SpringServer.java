package dev.wspair.benchmarks.server;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Serves a {@code @EnableWebFlux} configuration through Spring's {@code DispatcherHandler}, as
 * Spring Boot does, so the WebFlux and wspair contenders pass through the same request pipeline.
 */
final class SpringServer {

    private SpringServer() {
    }

    static DisposableServer start(HttpServer base, Class<?> configuration) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(configuration);
        HttpHandler handler = WebHttpHandlerBuilder.applicationContext(context).build();
        DisposableServer server = base.handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        server.onDispose(context::close);
        return server;
    }
}
