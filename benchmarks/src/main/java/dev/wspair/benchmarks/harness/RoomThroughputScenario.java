package dev.wspair.benchmarks.harness;

import java.time.Duration;
import java.util.List;

import dev.wspair.benchmarks.load.ClientConnection;
import dev.wspair.benchmarks.load.RoomThroughput;
import dev.wspair.benchmarks.server.Contender;

/**
 * Scenario 5: a small room whose every member keeps {@code inFlight} of its own 64 B messages in
 * the room; broadcasts per second (each delivered to every member) and per server CPU-second.
 * Storage off.
 */
final class RoomThroughputScenario implements Scenario {

    @Override
    public String id() {
        return "5-room-throughput";
    }

    @Override
    public String title() {
        return "5. Room throughput (storage off)";
    }

    @Override
    public List<Contender> contenders() {
        return List.of(Contender.WEBFLUX_ROOM, Contender.WSPAIR_ROOM);
    }

    @Override
    public Duration estimate(RunConfig config) {
        return Duration.ofSeconds(5).plus(config.firstWarmup()).plus(config.measure());
    }

    @Override
    public void run(Step step) {
        RunConfig config = step.config();
        List<ClientConnection> members = step.connect(Contender.ROOM_PATH, config.roomMembers());
        String point = members.size() + " members, " + config.inFlight() + " in flight each";
        step.progress(point);
        RoomThroughput room = new RoomThroughput(FanOutScenario.PAYLOAD, config.inFlight());
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
