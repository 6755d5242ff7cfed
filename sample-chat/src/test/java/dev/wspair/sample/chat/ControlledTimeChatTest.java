package dev.wspair.sample.chat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The chat application on a random port with rooms in memory, a {@link TestClock.Fixed} clock that
 * only the tests move, rooms evicted after 300 ms without events, and wspair's per-address
 * handshake rate raised as in {@link ChatServerTest}. Test classes with this
 * annotation share one context; each test starts by moving the clock a minute on, which fills
 * every IP's rate-limit bucket again.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "wspair.objects.store=memory", "wspair.objects.idle-timeout=300ms",
        "wspair.limits.handshakes-per-second-per-address=10000", "wspair.limits.handshake-burst=10000" })
@Import(TestClock.Fixed.class)
@interface ControlledTimeChatTest {
}
