package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.List;

import dev.wspair.benchmarks.load.ClientConnection;
import dev.wspair.benchmarks.load.RoomThroughput;
import dev.wspair.benchmarks.server.Contender;

/**
 * Scenario 5: a small room whose every member keeps {@code inFlight} of its own 64 B messages in
 * the room; broadcasts per second (each delivered to every member) and per server CPU-second.
 * Run once with the rooms without storage and once with the chat sample's room, which stores
 * every message before its broadcast leaves.
 */
final class RoomThroughputScenario extends SteppedScenario {

    private RoomThroughputScenario(String id, String title, List<Contender> contenders) {
        super(id, title, contenders);
    }

    /** The rooms without storage: raw WebFlux against wspair. */
    static RoomThroughputScenario storageOff() {
        return new RoomThroughputScenario("5-room-throughput", "5. Room throughput (storage off)", List.of(Contender.WEBFLUX_ROOM, Contender.WSPAIR_ROOM));
    }

    /** The chat sample's room, in memory and in SQLite, next to the wspair room without storage. */
    static RoomThroughputScenario storageOn() {
        return new RoomThroughputScenario("5-room-throughput-storage", "5. Room throughput (storage on: the chat sample's room)",
                List.of(Contender.WSPAIR_ROOM, Contender.CHAT_ROOM_MEMORY, Contender.CHAT_ROOM));
    }

    @Override
    public Duration estimate(RunConfig config) {
        return Duration.ofSeconds(5).plus(config.firstWarmup()).plus(config.measure());
    }

    @Override
    public void run(Step step) {
        RunConfig config = step.config();
        List<ClientConnection> members = step.joinRoom(config.roomMembers());
        String point = members.size() + " members, " + config.inFlight() + " in flight each";
        step.progress(point);
        RoomThroughput room = new RoomThroughput(FanOutScenario.PAYLOAD, config.inFlight(), step.protocol());
        step.client().run(() -> room.start(members));
        Step.sleep(config.firstWarmup());
        long before = step.client().call(room::broadcasts);
        long deliveriesBefore = step.client().call(room::deliveries);
        Window window = Window.open(step.server());
        Step.sleep(config.measure());
        long after = step.client().call(room::broadcasts);
        long deliveriesAfter = step.client().call(room::deliveries);
        window.close();
        step.client().run(room::stop);
        step.recordWindow(point, window, after - before, "broadcasts");
        step.record(point, "deliveries/s", (deliveriesAfter - deliveriesBefore) / window.seconds());
        Step.sleep(Duration.ofMillis(500));
    }
}
