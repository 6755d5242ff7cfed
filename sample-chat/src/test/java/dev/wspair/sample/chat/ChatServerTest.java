package dev.wspair.sample.chat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The chat application on a random port with rooms in memory and a {@link TestClock.Ticking}
 * clock, so that no frame is rate-limited, and wspair's per-address handshake rate raised, since
 * every test connects from 127.0.0.1 in quick succession. Test classes with this annotation share
 * one context; each test uses rooms of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "wspair.objects.store=memory",
        "wspair.limits.handshakes-per-second-per-address=10000", "wspair.limits.handshake-burst=10000" })
@Import(TestClock.Ticking.class)
@interface ChatServerTest {
}
