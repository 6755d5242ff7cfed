package dev.wspair.benchmarks.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat contenders run inside the generator's JVM in a smoke run, one after another on
 * Reactor Netty's shared event loops: closing one must leave the next contender's server serving.
 */
class ChatRoomServerTests {

    @Test
    void closingTheChatApplicationLeavesAnotherContenderServing() throws Exception {
        DisposableServer chat = Contender.CHAT_ROOM_MEMORY.start(BenchSettings.base());
        DisposableServer room = Contender.WEBFLUX_ROOM.start(BenchSettings.base());
        try {
            chat.disposeNow();
            Optional<Thread> shutdown = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(ChatRoomServer.SHUTDOWN_THREAD))
                .findFirst();
            if (shutdown.isPresent()) {
                shutdown.get().join(30_000);
                assertThat(shutdown.get().isAlive()).as("the chat application closed within 30 s").isFalse();
            }

            WebSocket member = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + room.port() + Contender.ROOM_PATH), new WebSocket.Listener() {
                })
                .get(10, TimeUnit.SECONDS);
            member.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
        finally {
            room.disposeNow();
        }
    }
}
