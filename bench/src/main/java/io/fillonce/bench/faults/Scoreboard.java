package io.fillonce.bench.faults;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The receivers' deliveries of the scenario running now: a {@link Ledger} per department, and when each first
 * delivery arrived (per second since the scenario started), for delivery rates. Deliveries of earlier scenarios
 * (another run mark in the payload) are not counted.
 */
final class Scoreboard {

    private static final int SECONDS = 3600;

    /** One scenario's books. */
    record Books(String run, long startNanos, Map<String, Ledger> ledgers, Map<String, AtomicLongArray> perSecond) {

        int expected() {
            return ledgers.values().stream().mapToInt(Ledger::expected).sum();
        }

        int delivered() {
            return ledgers.values().stream().mapToInt(Ledger::delivered).sum();
        }

        long duplicateIds() {
            return ledgers.values().stream().mapToLong(Ledger::duplicateIds).sum();
        }

        long outOfOrder() {
            return ledgers.values().stream().mapToLong(Ledger::outOfOrder).sum();
        }

        long outside() {
            return ledgers.values().stream().mapToLong(Ledger::outside).sum();
        }

        /** First deliveries per second to {@code departments} between two offsets from the start, in seconds. */
        double rate(List<String> departments, int fromSecond, int toSecond) {
            long count = 0;
            for (String department : departments) {
                AtomicLongArray seconds = perSecond.get(department);
                for (int s = Math.max(0, fromSecond); s < Math.min(SECONDS, toSecond); s++) {
                    count += seconds.get(s);
                }
            }
            return toSecond > fromSecond ? (double) count / (toSecond - fromSecond) : 0;
        }
    }

    private volatile Books books;

    /** Opens the books of a new scenario; the departments' channel says whether it promises exactly once. */
    Books open(String run, Map<String, Boolean> exactlyOnceByDepartment, int entities, int versions) {
        Map<String, Ledger> ledgers = new LinkedHashMap<>();
        Map<String, AtomicLongArray> perSecond = new LinkedHashMap<>();
        exactlyOnceByDepartment.forEach((department, exactlyOnce) -> {
            ledgers.put(department, new Ledger(department, exactlyOnce, entities, versions));
            perSecond.put(department, new AtomicLongArray(SECONDS));
        });
        books = new Books(run, System.nanoTime(), Collections.unmodifiableMap(ledgers), Map.copyOf(perSecond));
        return books;
    }

    /** A delivery as a receiver read it; ignored unless it belongs to the open scenario. */
    void accept(String department, String run, String eventId, int seq, int entityVersion) {
        Books open = books;
        if (open == null || !open.run().equals(run)) {
            return;
        }
        Ledger ledger = open.ledgers().get(department);
        if (ledger == null) {
            return;
        }
        int before = ledger.delivered();
        ledger.accept(eventId, seq, entityVersion);
        if (ledger.delivered() > before) {
            int second = (int) ((System.nanoTime() - open.startNanos()) / 1_000_000_000L);
            if (second < SECONDS) {
                open.perSecond().get(department).incrementAndGet(second);
            }
        }
    }
}
