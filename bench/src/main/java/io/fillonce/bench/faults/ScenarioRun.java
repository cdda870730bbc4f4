package io.fillonce.bench.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fillonce.bench.platform.Http;
import io.fillonce.bench.platform.Progress;

/**
 * Runs one scenario: opens its books, starts the load, injects the fault once its share of the load is
 * acknowledged, waits until the fault has healed and the load is done, then until every department has everything
 * (or nothing new arrived for two minutes), and hands over the verdict.
 */
final class ScenarioRun {

    private static final Duration LATE_DUPLICATES = Duration.ofSeconds(5);
    private static final Duration MOST = Duration.ofMinutes(20);

    private final FaultSuite suite;
    private final Stack stack;
    private final Scenario scenario;
    private final Progress progress;
    private final Scoreboard scoreboard;
    private final List<String> cadreKeys;

    ScenarioRun(FaultSuite suite, Stack stack, Scenario scenario, Progress progress, Scoreboard scoreboard,
            List<String> cadreKeys) {
        this.suite = suite;
        this.stack = stack;
        this.scenario = scenario;
        this.progress = progress;
        this.scoreboard = scoreboard;
        this.cadreKeys = cadreKeys;
    }

    FaultSuite.Verdict run() throws Exception {
        FaultSettings settings = suite.settings();
        String run = "f" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Boolean> exactlyOnce = new LinkedHashMap<>();
        suite.topicDepartments().forEach(department -> exactlyOnce.put(department, true));
        suite.webhookDepartments().forEach(department -> exactlyOnce.put(department, false));
        int total = settings.entities() * settings.versions();
        double rate = scenario.paced() ? (double) total / WebhookOutage.duration(settings.outageSeconds()) : 0;
        progress.print("");
        progress.line("%s (run %s): %s", scenario.name(), run, scenario.proves());
        Scoreboard.Books books = scoreboard.open(run, exactlyOnce, settings.entities(), settings.versions());
        Load load = new Load(new Http(), suite.gateway().uri("/api/records/" + FaultSuite.TYPE), cadreKeys, run,
                settings.entities(), settings.versions(), scenario.copies(), rate);
        Trial trial = new Trial(stack, load, books, progress, suite);
        load.start();
        Thread fault = new Thread(() -> inject(trial), "fault-" + scenario.name());
        fault.setDaemon(true);
        fault.start();
        long deadline = System.nanoTime() + MOST.toNanos();
        while (System.nanoTime() < deadline) {
            boolean loaded = load.await(Duration.ofSeconds(5));
            if (loaded) {
                fault.join(5_000);
            }
            if (loaded && !fault.isAlive()) {
                break;
            }
            report(trial);
        }
        double submitted = trial.seconds();
        trial.detail("%d of %d submissions acknowledged in %.1f s (%.0f/s); tries repeated: %s%s", load.acknowledged(),
                total, submitted, load.acknowledged() / submitted, load.retries(),
                scenario.paced() ? String.format(" (paced at %.1f/s)", rate) : "");
        if (load.failure() != null) {
            trial.problem("the load stopped: %s", load.failure());
        }
        if (fault.isAlive()) {
            trial.problem("the fault had not healed after %d minutes", MOST.toMinutes());
        }
        settle(trial, deadline);
        trial.detail("everything the departments got was there %.1f s after the last acknowledgement",
                trial.seconds() - submitted);
        Thread.sleep(LATE_DUPLICATES.toMillis());
        for (Trial.Check check : trial.checksAfterwards()) {
            check.run();
        }
        conclude(trial);
        return new FaultSuite.Verdict(scenario, trial);
    }

    private void inject(Trial trial) {
        try {
            int threshold = (int) Math.ceil(scenario.startAt() * trial.load.total());
            while (trial.load.acknowledged() < threshold && trial.load.failure() == null) {
                Thread.sleep(20);
            }
            scenario.fault().inject(trial);
        }
        catch (Exception e) {
            trial.problem("the fault itself failed: %s", e);
        }
    }

    private void report(Trial trial) {
        progress.line("  %s: %d/%d submissions acknowledged, %d/%d deliveries", scenario.name(),
                trial.load.acknowledged(), trial.load.total(), trial.books.delivered(), trial.books.expected());
    }

    /** Until every department has everything, or nothing new arrived for a while. */
    private void settle(Trial trial, long deadline) throws InterruptedException {
        int last = -1;
        long quietSince = System.nanoTime();
        while (trial.books.delivered() < trial.books.expected() && System.nanoTime() < deadline) {
            int now = trial.books.delivered();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
            else if (System.nanoTime() - quietSince > FaultSuite.settleQuiet().toNanos()) {
                trial.problem("nothing new arrived for %d s with %d of %d deliveries",
                        FaultSuite.settleQuiet().toSeconds(), now, trial.books.expected());
                return;
            }
            if (progress.due()) {
                report(trial);
            }
            Thread.sleep(200);
        }
    }

    private void conclude(Trial trial) {
        if (trial.load.disagreements() > 0) {
            trial.problem("%d submissions got different versions for one Idempotency-Key",
                    trial.load.disagreements());
        }
        for (String department : suite.webhookDepartments()) {
            long bad = suite.webhook(department).badSignatures();
            if (bad > 0) {
                trial.problem("%s refused %d posts whose signature did not verify", department, bad);
            }
        }
        trial.books.ledgers().values().forEach(ledger -> trial.detail("%-15s %d/%d delivered, %d redelivered "
                + "under the same id, %d duplicate, %d out of order, %d not sent", ledger.department(),
                ledger.delivered(), ledger.expected(), ledger.redelivered(), ledger.duplicateIds(),
                ledger.outOfOrder(), ledger.outside()));
    }
}
