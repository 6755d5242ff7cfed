package dev.wspair.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Runs a test class against {@link ObservedTestApplication} on a random port, with 1 KiB messages,
 * outbound queues of 64 frames, and the {@code health} and {@code wspair} endpoints exposed; every
 * class so annotated shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = ObservedTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "wspair.max-message-size=1KB", "wspair.outbound.max-queued-messages=64",
                "management.endpoints.web.exposure.include=health,wspair", "management.endpoint.health.show-details=always" })
public @interface ObservedServerTest {
}
