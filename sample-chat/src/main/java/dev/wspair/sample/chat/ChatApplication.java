package dev.wspair.sample.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the chat, the counterpart of deploying the Worker with its two Durable Object classes:
 * the routes live in {@link ChatWorker}, each room is a {@link ChatRoom}, and the per-IP
 * {@link RateLimiter} replaces the Worker's rate-limiter objects.
 */
@SpringBootApplication(proxyBeanMethods = false)
public final class ChatApplication {

    private ChatApplication() {
    }

    /**
     * Runs the application on {@code server.port} (8080 by default), storing rooms in
     * {@code wspair.objects.data-directory} ({@code ./data} by default).
     * @param args command-line arguments, passed to Spring Boot
     */
    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
