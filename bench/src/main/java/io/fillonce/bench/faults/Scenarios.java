package io.fillonce.bench.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Every scenario the suite knows, in the order it runs them, and what each breaks. */
final class Scenarios {

    /** A paced scenario's load runs this long before and after the outage. */
    static final int LEAD_SECONDS = 45;

    private Scenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.of("no-fault", 3, "the yardstick: nothing breaks; everything arrives once, in order",
                        trial -> {
                        }),
                Scenario.of("broker-kill-1-of-3", 3, "kill -9 of one Kafka node of three mid-flow, restarted 20 s "
                        + "later: replication factor 3 and min.insync.replicas 2 lose and stop nothing",
                        trial -> killFor(trial, "kafka-2", 20)),
                Scenario.of("single-broker-down-30s", 1, "kill -9 of the only broker for 30 s: intake keeps "
                        + "accepting into its outbox, and everything flows once it is back",
                        trial -> killFor(trial, "kafka", 30)),
                Scenario.of("intake-kill", 3, "kill -9 of intake with versions written but not yet published (its "
                        + "relay backlog at the kill): the next instance publishes them, in order, once",
                        Scenarios::killIntake),
                Scenario.of("sync-kill", 3, "kill -9 of sync mid-fan-out: exactly-once transactions and the "
                        + "webhook workers' committed offsets resume without a loss or a second copy",
                        trial -> killFor(trial, "sync-service", 0)),
                Scenario.of("sync-sigstop-60s", 3, "sync frozen (SIGSTOP) for 60 s, then SIGCONT: its group and "
                        + "transactions time out and recover", Scenarios::freezeSync),
                new Scenario("webhook-down", 3, "one department's webhook refuses connections for the outage, then "
                        + "comes back: it gets everything, in order, with no operator; the others' delivery rate "
                        + "stays within 20 %", 1, true, 0, WebhookOutage::inject),
                Scenario.of("mongodb-kill", 3, "kill -9 of the (embedded) MongoDB, restarted 5 s later: "
                        + "submissions wait and are retried; nothing acknowledged is lost",
                        trial -> killFor(trial, "mongodb", 5)),
                new Scenario("idempotency-race", 3, "every submission sent three times at once with one "
                        + "Idempotency-Key: one version each, the same answer to all three", 3, false, 0.3,
                        trial -> {
                        }),
                Scenario.of("poison-message", 3, "poison written onto fillonce.records by a producer allowed to "
                        + "write there: dead-lettered, and its partitions keep flowing", Scenarios::poison));
    }

    /** The scenarios named (or all) that fit a stack of {@code brokers}; an unknown name is an error. */
    static List<Scenario> chosen(String names, int brokers) {
        Set<String> wanted = new TreeSet<>();
        if (!"all".equals(names)) {
            wanted.addAll(Arrays.asList(names.split(",")));
            Set<String> known = new TreeSet<>(all().stream().map(Scenario::name).toList());
            wanted.stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
                throw new IllegalArgumentException("unknown scenario " + name + "; scenarios: " + known);
            });
        }
        List<Scenario> chosen = new ArrayList<>();
        for (Scenario scenario : all()) {
            if (scenario.brokers() == brokers && (wanted.isEmpty() || wanted.contains(scenario.name()))) {
                chosen.add(scenario);
            }
        }
        return chosen;
    }

    private static void killFor(Trial trial, String component, int downSeconds) throws Exception {
        long pid = trial.stack.signal(component, "KILL");
        trial.detail("kill -9 %s (pid %d) at %.1f s, %d of %d submissions acknowledged", component, pid,
                trial.seconds(), trial.load.acknowledged(), trial.load.total());
        Thread.sleep(downSeconds * 1000L);
        restart(trial, component);
    }

    private static void restart(Trial trial, String component) throws Exception {
        double from = trial.seconds();
        trial.stack.up();
        trial.detail("%s started again by ./fillonce up and ready at %.1f s (%.1f s after starting it)", component,
                trial.seconds(), trial.seconds() - from);
    }

    private static void killIntake(Trial trial) throws Exception {
        Long backlog = trial.suite.gateway().relayBacklog();
        long pid = trial.stack.signal("intake-service", "KILL");
        trial.detail("kill -9 intake-service (pid %d) at %.1f s with %s version(s) in its relay backlog "
                + "(written, not yet published)", pid, trial.seconds(), backlog == null ? "?" : backlog);
        restart(trial, "intake-service");
    }

    private static void freezeSync(Trial trial) throws Exception {
        long pid = trial.stack.signal("sync-service", "STOP");
        trial.detail("SIGSTOP sync-service (pid %d) at %.1f s", pid, trial.seconds());
        Thread.sleep(60_000);
        trial.stack.signal("sync-service", "CONT");
        trial.detail("SIGCONT sync-service at %.1f s", trial.seconds());
    }

    private static void poison(Trial trial) throws Exception {
        int written = Poison.write(trial.suite.kafkaPrincipal("fillonce-intake"), trial.books.run());
        trial.detail("%d poison messages written onto %s as fillonce-intake at %.1f s", written, Poison.RECORDS,
                trial.seconds());
        trial.afterwards(() -> {
            int dead = Poison.deadLettersOf(trial.suite.kafkaPrincipal("fillonce-admin"), trial.books.run());
            if (dead < 0) {
                trial.problem("no dead-letter topic %s: the poison was not kept", Poison.DEAD);
            }
            else if (dead != written) {
                trial.problem("%d of %d poison messages on %s", dead, written, Poison.DEAD);
            }
            else {
                trial.detail("all %d on %s", dead, Poison.DEAD);
            }
        });
    }
}
