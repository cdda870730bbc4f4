package io.fillonce.bench.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * The webhook-down scenario's fault: the load is paced over the outage plus a lead before and after it; one webhook
 * department's endpoint refuses connections for the outage. Afterwards the other departments' delivery rate during
 * the outage is compared with theirs before it (first deliveries per second, skipping 10 s after each change).
 */
final class WebhookOutage {

    private static final int SETTLING_SECONDS = 10;
    private static final double TOLERANCE = 0.2;

    private WebhookOutage() {
    }

    /** The paced scenario's whole duration, in seconds. */
    static int duration(int outageSeconds) {
        return outageSeconds + 2 * Scenarios.LEAD_SECONDS;
    }

    static void inject(Trial trial) throws Exception {
        int outage = trial.suite.settings().outageSeconds();
        String down = trial.suite.webhookDepartments().get(0);
        WebhookReceiver receiver = trial.suite.webhook(down);
        sleepUntil(trial, Scenarios.LEAD_SECONDS);
        receiver.down();
        trial.detail("%s's webhook endpoint down at %.1f s, for %d s", down, trial.seconds(), outage);
        sleepUntil(trial, Scenarios.LEAD_SECONDS + outage);
        receiver.up();
        trial.detail("%s's webhook endpoint back at %.1f s; it then had %d of %d", down, trial.seconds(),
                trial.books.ledgers().get(down).delivered(), trial.books.ledgers().get(down).expected());
        List<String> others = new ArrayList<>(trial.books.ledgers().keySet());
        others.remove(down);
        double before = trial.books.rate(others, SETTLING_SECONDS, Scenarios.LEAD_SECONDS);
        double during = trial.books.rate(others, Scenarios.LEAD_SECONDS + SETTLING_SECONDS,
                Scenarios.LEAD_SECONDS + outage);
        double ratio = before > 0 ? during / before : 0;
        trial.detail("the other departments' deliveries: %.1f/s before the outage, %.1f/s during it (ratio %.2f)",
                before, during, ratio);
        if (Math.abs(ratio - 1) > TOLERANCE) {
            trial.problem("the other departments' delivery rate changed by more than 20 %% during the outage");
        }
    }

    private static void sleepUntil(Trial trial, double second) throws InterruptedException {
        long millis = (long) ((second - trial.seconds()) * 1000);
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
