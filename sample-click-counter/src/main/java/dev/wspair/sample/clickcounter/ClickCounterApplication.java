package dev.wspair.sample.clickcounter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the click counter, the counterpart of deploying the Worker: the routes live in
 * {@link ClickCounterRoutes}, the WebSocket behaviour in {@link ClickCounter}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public final class ClickCounterApplication {

    private ClickCounterApplication() {
    }

    /**
     * Runs the application on {@code server.port} (8080 by default).
     * @param args command-line arguments, passed to Spring Boot
     */
    public static void main(String[] args) {
        SpringApplication.run(ClickCounterApplication.class, args);
    }
}
