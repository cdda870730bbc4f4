package io.fillonce.bench.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fixed arrival rate offered for a while, and whether the platform sustained it: every request answered 2xx
 * on schedule, p99 answer time under the bound, and, where deliveries are watched, every department holding every
 * record by the end of the grace period with p99 submit → last department under the bound.
 *
 * @param deliveries department messages read (null when the step watches no department)
 * @param endToEnd from due to the arrival on the last department's topic (NONE when not watched)
 * @param why what failed, empty when sustained
 */
record Step(double rate, int due, int sent, int succeeded, Map<Integer, Integer> failures, boolean fellBehind,
        Latency response, Long deliveries, Long expectedDeliveries, Latency endToEnd, boolean sustained, String why) {

    static Step judge(OpenLoad.Outcome load, Long deliveries, Long expected, Latency endToEnd, Duration bound) {
        List<String> problems = new ArrayList<>();
        if (load.fellBehind()) {
            problems.add(String.format(Locale.ROOT, "fell behind schedule after %d of %d requests", load.sent(),
                    load.due()));
        }
        int unanswered = load.sent() - load.answered();
        if (unanswered > 0) {
            problems.add(unanswered + " not answered in time");
        }
        if (!load.failures().isEmpty()) {
            problems.add("answers other than 2xx (status: count, -1 = no answer) " + load.failures());
        }
        over(problems, "answer", load.response(), bound);
        if (expected != null) {
            if (deliveries < expected) {
                problems.add(String.format(Locale.ROOT, "%d of %d deliveries by the end of the grace period",
                        deliveries, expected));
            }
            over(problems, "submit → last department", endToEnd, bound);
        }
        return new Step(load.rate(), load.due(), load.sent(), load.succeeded(), load.failures(), load.fellBehind(),
                load.response(), deliveries, expected, endToEnd, problems.isEmpty(), String.join("; ", problems));
    }

    private static void over(List<String> problems, String what, Latency latency, Duration bound) {
        if (latency.p99Ms() != null && latency.p99Ms() > bound.toMillis()) {
            problems.add(String.format(Locale.ROOT, "p99 %s %.0f ms > %d ms", what, latency.p99Ms(),
                    bound.toMillis()));
        }
    }

    String describe() {
        String line = String.format(Locale.ROOT, "%8.1f/s: %d/%d ok, p99 answer %s ms", rate, succeeded, due,
                Table.number(response.p99Ms()));
        if (expectedDeliveries != null) {
            line += String.format(Locale.ROOT, ", deliveries %d/%d, p99 submit → last department %s ms", deliveries,
                    expectedDeliveries, Table.number(endToEnd.p99Ms()));
        }
        return line + (sustained ? " — sustained" : " — not sustained: " + why);
    }
}
