package dev.wspair.benchmarks.harness;

import java.util.Locale;

/**
 * The targets, checked against the medians of the results: ratios between contenders
 * measured side by side in one run, and the absolute room targets, with storage off and with the
 * chat sample's room storing every message.
 */
final class Targets {

    private static final double CLIENT_BOUND_PERCENT = 85;

    private final Report.Summary summary;

    private final StringBuilder rows = new StringBuilder();

    Targets(Report.Summary summary) {
        this.summary = summary;
    }

    String markdown() {
        echoThroughput();
        latency();
        memory();
        rooms();
        storedRooms();
        metrics();
        hibernation();
        return "### Targets\n\n| Target | Point | Measured | Required | Met |\n|---|---|---|---|---|\n" + this.rows
                + "\nA point marked *client-bound* had the generator above " + (int) CLIENT_BOUND_PERCENT
                + " % of its core for some contender: there the generator, not the server, may be the limit.\n";
    }

    private void echoThroughput() {
        String scenario = "1-echo-throughput";
        for (String point : this.summary.points(scenario)) {
            double wspair = median(scenario, point, "echoes/s", "wspair");
            double webflux = median(scenario, point, "echoes/s", "webflux");
            double netty = median(scenario, point, "echoes/s", "reactor-netty");
            String note = clientBound(scenario, point, "wspair", "webflux", "reactor-netty") ? " *client-bound*" : "";
            ratioRow("Echo throughput wspair / raw WebFlux", point + note, wspair / webflux, 0.95, true);
            ratioRow("Echo throughput wspair / raw Reactor Netty", point + note, wspair / netty, 0.85, true);
            double perCpu = median(scenario, point, "echoes per server CPU-s", "wspair") / median(scenario, point, "echoes per server CPU-s", "webflux");
            row("Echoes per server CPU-s, wspair / raw WebFlux", point, ratio(perCpu), "(context)", "");
        }
    }

    private void latency() {
        String scenario = "2-echo-latency";
        for (String point : this.summary.points(scenario)) {
            double wspair = median(scenario, point, "p99 µs", "wspair");
            double webflux = median(scenario, point, "p99 µs", "webflux");
            String note = clientBound(scenario, point, "wspair", "webflux", "reactor-netty") ? " *client-bound*" : "";
            ratioRow("p99 latency wspair / raw WebFlux", point + note, wspair / webflux, 1.1, false);
            row("p99 latency wspair / raw Reactor Netty", point, ratio(wspair / median(scenario, point, "p99 µs", "reactor-netty")), "(context)", "");
        }
    }

    private void memory() {
        String scenario = "3-idle-memory";
        double wspair = median(scenario, "slope", "heap+direct B/conn", "wspair");
        double webflux = median(scenario, "slope", "heap+direct B/conn", "webflux");
        double netty = median(scenario, "slope", "heap+direct B/conn", "reactor-netty");
        if (!Double.isNaN(wspair)) {
            double extra = wspair - webflux;
            row("Idle heap+direct per connection, wspair − raw WebFlux", "slope over the connection counts",
                    String.format(Locale.ROOT, "%+.0f B (wspair %.0f, WebFlux %.0f, Reactor Netty %.0f)", extra, wspair, webflux, netty),
                    "≤ +1024 B", met(extra <= 1024));
        }
    }

    private void rooms() {
        double p99 = median("4-fan-out", "10000 members", "p99 ms", "wspair-room");
        if (!Double.isNaN(p99)) {
            row("Fan-out p99, one message to 10,000 members (storage off)", "10000 members",
                    String.format(Locale.ROOT, "%.1f ms (raw WebFlux room %.1f ms); server CPU %.1f µs per delivery, %.0f %% of it in the kernel",
                            p99, median("4-fan-out", "10000 members", "p99 ms", "webflux-room"),
                            median("4-fan-out", "10000 members", "server CPU µs per delivery", "wspair-room"),
                            median("4-fan-out", "10000 members", "server kernel share %", "wspair-room")),
                    "≤ 100 ms", met(p99 <= 100));
        }
        for (String point : this.summary.points("5-room-throughput")) {
            double rate = median("5-room-throughput", point, "broadcasts/s", "wspair-room");
            row("Room broadcasts/s (storage off)", point, String.format(Locale.ROOT, "%,.0f (raw WebFlux room %,.0f)", rate,
                    median("5-room-throughput", point, "broadcasts/s", "webflux-room")), "≥ 10,000", met(rate >= 10_000));
        }
    }

    private void storedRooms() {
        String fanOut = "4-fan-out-storage";
        for (String point : this.summary.points(fanOut)) {
            double p99 = median(fanOut, point, "p99 ms", "chat-room");
            if (point.equals("10000 members") && !Double.isNaN(p99)) {
                row("Fan-out p99, one message to 10,000 members (storage on: the chat sample's room, SQLite)", point,
                        String.format(Locale.ROOT, "%.1f ms (in-memory store %.1f ms; wspair room without storage %.1f ms); server CPU %.1f µs per delivery",
                                p99, median(fanOut, point, "p99 ms", "chat-room-memory"), median(fanOut, point, "p99 ms", "wspair-room"),
                                median(fanOut, point, "server CPU µs per delivery", "chat-room")),
                        "≤ 100 ms", met(p99 <= 100));
            }
        }
        String room = "5-room-throughput-storage";
        for (String point : this.summary.points(room)) {
            double rate = median(room, point, "broadcasts/s", "chat-room");
            row("Stored-and-broadcast messages/s (the chat sample's room, SQLite)", point,
                    String.format(Locale.ROOT, "%,.0f (in-memory store %,.0f; wspair room without storage %,.0f)", rate,
                            median(room, point, "broadcasts/s", "chat-room-memory"), median(room, point, "broadcasts/s", "wspair-room")),
                    "≥ 10,000", met(rate >= 10_000));
        }
    }

    private void hibernation() {
        String scenario = "6-hibernation-memory";
        double hibernated = median(scenario, "slope", "heap+direct B/conn", "wspair-hibernated");
        double accepted = median(scenario, "slope", "heap+direct B/conn", "wspair");
        if (!Double.isNaN(hibernated)) {
            row("Idle heap+direct per socket, hibernated (`state.acceptWebSocket`) vs accepted (`accept()`)", "slope over the connection counts",
                    String.format(Locale.ROOT, "%.0f B vs %.0f B (%+.0f B)", hibernated, accepted, hibernated - accepted), "hibernated < accepted",
                    met(hibernated < accepted));
        }
    }

    private void metrics() {
        String scenario = "6-metrics-overhead";
        for (String point : this.summary.points(scenario)) {
            double ratio = median(scenario, point, "echoes/s", "wspair-metrics") / median(scenario, point, "echoes/s", "wspair");
            row("Echo throughput with metrics / without", point, ratio(ratio), "(reported)", "");
        }
    }

    private boolean clientBound(String scenario, String point, String... contenders) {
        for (String contender : contenders) {
            if (median(scenario, point, "generator CPU %", contender) > CLIENT_BOUND_PERCENT) {
                return true;
            }
        }
        return false;
    }

    private void ratioRow(String target, String point, double ratio, double bound, boolean atLeast) {
        row(target, point, ratio(ratio), (atLeast ? "≥ " : "≤ ") + bound, met(atLeast ? ratio >= bound : ratio <= bound));
    }

    private void row(String target, String point, String measured, String required, String met) {
        this.rows.append("| ").append(target).append(" | ").append(point).append(" | ").append(measured).append(" | ").append(required)
            .append(" | ").append(met).append(" |\n");
    }

    private double median(String scenario, String point, String metric, String contender) {
        return this.summary.median(scenario, point, metric, contender);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }
}
