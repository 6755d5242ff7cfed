package dev.wspair.objects;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wspair.objects.storage.JsonValueCodec;
import dev.wspair.objects.storage.SqliteObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durability across a crash: a child JVM acknowledges writes and is killed with SIGKILL; a fresh
 * store on the same data directory has every acknowledged write, and the child's alarm fires in
 * the new runtime.
 */
class DurabilityTests {

    private static final int ACKS_BEFORE_KILL = 200;

    /** Counts alarms in the restarted runtime. */
    static final class Journal implements DurableObject {

        private final AtomicInteger alarms;

        Journal(AtomicInteger alarms) {
            this.alarms = alarms;
        }

        @Override
        public Mono<ServerResponse> fetch(ServerRequest request) {
            return ServerResponse.ok().build();
        }

        @Override
        public void alarm() {
            this.alarms.incrementAndGet();
        }
    }

    private record Ack(int thread, int value) {
    }

    @Test
    void everyAcknowledgedWriteAndTheAlarmSurviveSigkill(@TempDir Path data) throws Exception {
        long alarmAt = System.currentTimeMillis() + 8_000;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DurabilityChild.class.getName(), data.toString(), Long.toString(alarmAt))
            .redirectError(data.resolve("child.err").toFile())
            .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            }
            catch (IOException ex) {
                lines.add("read failed: " + ex);
            }
            lines.add("<eof>");
        }, "child-stdout");
        reader.start();

        List<Ack> acks = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try {
            while (acks.size() < ACKS_BEFORE_KILL) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("the child acknowledges writes; its output so far: %s", output).isNotNull().isNotEqualTo("<eof>");
                collect(line, acks, output);
            }
        }
        finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("the child died").isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        for (String line = lines.poll(20, TimeUnit.SECONDS); line != null && !line.equals("<eof>"); line = lines.poll(20, TimeUnit.SECONDS)) {
            collect(line, acks, output);
        }
        assertThat(output).as("the alarm must not fire before the kill").doesNotContain("alarm-fired-in-child").contains("alarm " + alarmAt);

        AtomicInteger alarms = new AtomicInteger();
        try (SqliteObjectStore store = SqliteObjectStore.open(data)) {
            for (Ack ack : acks) {
                byte[] value = store.get("journals", ObjectId.fromName("journals", "journal-" + ack.thread()).toString(), "k" + ack.value());
                assertThat(value).as("acknowledged write %s", ack).isNotNull();
                assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(Integer.toString(ack.value()));
            }
            assertThat(store.getAlarm("journals", ObjectId.fromName("journals", "alarmed").toString())).isEqualTo(alarmAt);
            try (ObjectNamespaces runtime = new ObjectNamespaces(store, new JsonValueCodec(JsonMapper.builder().build()), ObjectSettings.defaults())) {
                runtime.create("journals", state -> new Journal(alarms));
                await().atMost(30, TimeUnit.SECONDS).until(() -> alarms.get() == 1);
                await().atMost(10, TimeUnit.SECONDS).until(() -> store.getAlarm("journals", ObjectId.fromName("journals", "alarmed").toString()) == null);
            }
        }
        assertThat(acks.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    }

    private static void collect(String line, List<Ack> acks, List<String> output) {
        output.add(line);
        if (line.startsWith("ack ")) {
            String[] parts = line.split(" ");
            acks.add(new Ack(Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
        }
    }
}
