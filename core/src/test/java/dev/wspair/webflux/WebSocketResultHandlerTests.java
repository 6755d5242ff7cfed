package dev.wspair.webflux;

import java.time.Duration;
import java.util.List;

import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testing.NoLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** Annotated controllers that return the client end (or a {@code Mono} of it) answer with {@code 101}. */
@ExtendWith(NoLeaks.class)
class WebSocketResultHandlerTests {

    private AnnotationConfigApplicationContext context;

    private DisposableServer server;

    @BeforeEach
    void start() {
        this.context = new AnnotationConfigApplicationContext(Config.class);
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(new ReactorHttpHandlerAdapter(WebHttpHandlerBuilder.applicationContext(this.context).build()))
            .bindNow();
    }

    @AfterEach
    void stop() {
        this.server.disposeNow();
        this.context.close();
    }

    @Test
    void controllerMethodReturningTheClientEndUpgrades() {
        assertThat(exchange("/plain")).containsExactly("plain:hi");
    }

    @Test
    void controllerMethodReturningAMonoOfTheClientEndUpgrades() {
        assertThat(exchange("/mono")).containsExactly("mono:hi");
    }

    @Test
    void otherReturnTypesAreLeftToSpring() {
        String body = HttpClient.create()
            .get()
            .uri("http://127.0.0.1:" + this.server.port() + "/text")
            .responseContent()
            .aggregate()
            .asString()
            .block(Duration.ofSeconds(10));
        assertThat(body).isEqualTo("not a socket");
    }

    private List<String> exchange(String path) {
        return HttpClient.create()
            .websocket()
            .uri("ws://127.0.0.1:" + this.server.port() + path)
            .handle((in, out) -> out.sendString(Mono.just("hi")).then().thenMany(in.receive().asString().take(1)))
            .collectList()
            .block(Duration.ofSeconds(10));
    }

    static WebSocket echo(String prefix) {
        var pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> server.send(prefix + ":" + event.text()));
        return pair.client();
    }

    @RestController
    static class EchoController {

        @GetMapping("/plain")
        WebSocket plain() {
            return echo("plain");
        }

        @GetMapping("/mono")
        Mono<WebSocket> mono() {
            return Mono.fromSupplier(() -> echo("mono"));
        }

        @GetMapping("/text")
        Mono<String> unrelated() {
            return Mono.just("not a socket");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebFlux
    static class Config {

        @Bean
        WebSocketUpgrader upgrader() {
            return new WebSocketUpgrader(WebSocketSettings.defaults());
        }

        @Bean
        WebSocketResultHandler webSocketResultHandler(WebSocketUpgrader upgrader) {
            return new WebSocketResultHandler(upgrader);
        }

        @Bean
        EchoController echoController() {
            return new EchoController();
        }
    }
}
