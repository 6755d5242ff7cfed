package dev.wspair.sample.chat;

import dev.wspair.testing.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code chat.trusted-proxy.header} set, the rate limiter keys on the client IP the proxy
 * reports: two clients behind the same proxy (one peer address) get budgets of their own, and one
 * client spread over two connections shares its budget.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "wspair.objects.store=memory",
        "chat.trusted-proxy.header=X-Forwarded-For" })
@Import(TestClock.Fixed.class)
@ExtendWith(NoLeaks.class)
class TrustedProxyTest {

    private static final String ROOM = "proxied";

    @LocalServerPort
    private int port;

    @Test
    void theProxysHeaderDecidesWhichBudgetAFrameDrawsOn() throws Exception {
        try (ChatClient first = ChatClient.connect(this.port, ROOM, "X-Forwarded-For", "198.51.100.7, 203.0.113.1");
                ChatClient sameClient = ChatClient.connect(this.port, ROOM, "X-Forwarded-For", "203.0.113.1");
                ChatClient otherClient = ChatClient.connect(this.port, ROOM, "X-Forwarded-For", "203.0.113.2")) {
            first.send("{\"name\":\"first\"}");
            first.untilReady();
            for (int frame = 2; frame <= 5; frame++) {
                first.say("frame " + frame);
                assertThat(first.next()).contains("frame " + frame);
            }
            sameClient.send("{\"name\":\"same\"}");
            sameClient.untilReady();
            sameClient.say("same IP, so it inherits the cooldown");
            assertThat(sameClient.next()).isEqualTo(RateLimitTest.LIMITED);

            otherClient.send("{\"name\":\"other\"}");
            otherClient.untilReady();
            for (int frame = 2; frame <= 5; frame++) {
                otherClient.say("other " + frame);
                assertThat(otherClient.next()).as("another client's frame %d", frame).contains("other " + frame);
            }
        }
    }
}
