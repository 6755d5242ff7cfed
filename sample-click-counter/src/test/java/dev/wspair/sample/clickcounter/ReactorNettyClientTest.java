package dev.wspair.sample.clickcounter;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire protocol of {@code /ws} on a running server, seen by Spring's Reactor Netty client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReactorNettyClientTest {

    @LocalServerPort
    private int port;

    @Test
    void clickRepliesWithTheExactShapeAndIncrementsByOne() throws InterruptedException {
        try (NettyTestSocket socket = NettyTestSocket.connect(this.port)) {
            socket.send("CLICK");
            long first = Replies.count(socket.reply());
            socket.send("CLICK");
            long second = Replies.count(socket.reply());

            assertThat(first).isPositive();
            assertThat(second).isEqualTo(first + 1);
        }
    }

    @Test
    void unknownMessagesGetTheErrorReplyLeaveTheCountAndKeepTheSocketOpen() throws InterruptedException {
        try (NettyTestSocket socket = NettyTestSocket.connect(this.port)) {
            socket.send("CLICK");
            long before = Replies.count(socket.reply());

            socket.send("HUH");
            Replies.assertError(socket.reply());
            socket.send("click");
            Replies.assertError(socket.reply());
            socket.send("");
            Replies.assertError(socket.reply());
            socket.sendBinary("CLICK".getBytes(StandardCharsets.UTF_8));
            Replies.assertError(socket.reply());

            assertThat(socket.isOpen()).isTrue();
            socket.send("CLICK");
            assertThat(Replies.count(socket.reply())).isEqualTo(before + 1);
        }
    }

    @Test
    void twoConnectionsShareOneCounter() throws InterruptedException {
        try (NettyTestSocket a = NettyTestSocket.connect(this.port); NettyTestSocket b = NettyTestSocket.connect(this.port)) {
            a.send("CLICK");
            long seenByA = Replies.count(a.reply());
            b.send("CLICK");
            long seenByB = Replies.count(b.reply());

            assertThat(seenByB).isEqualTo(seenByA + 1);
        }
    }
}
