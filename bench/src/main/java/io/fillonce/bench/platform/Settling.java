package io.fillonce.bench.platform;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Waiting, always with a deadline: for a condition, printing how far it got every few seconds, and ending in
 * {@link NotSettled} ("did not finish in …, how far it got") instead of hanging. Also the waits between stages and
 * steps, so that none is measured on a platform still busy with the one before: intake's relay backlog down to 0,
 * the readers of {@code fillonce.records} caught up, every delivery of a run on its departments' topics.
 */
final class Settling {

    /** A wait that ran out of time; the message says how long and how far it got. */
    static final class NotSettled extends Exception {

        NotSettled(String message) {
            super(message);
        }
    }

    /** What is awaited: null once it holds, else how far it got. */
    interface Condition {

        String pending() throws Exception;
    }

    private final Gateway gateway;
    private final RecordsLag lag;
    private final Progress progress;
    private final Duration timeout;

    Settling(Gateway gateway, RecordsLag lag, Progress progress, Duration timeout) {
        this.gateway = gateway;
        this.lag = lag;
        this.progress = progress;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    void await(String what, Condition condition) throws Exception {
        await(what, timeout, condition);
    }

    void await(String what, Duration limit, Condition condition) throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        String pending = condition.pending();
        while (pending != null) {
            if (System.nanoTime() > deadline) {
                throw new NotSettled(String.format(Locale.ROOT, "%s did not finish in %d s: %s", what,
                        limit.toSeconds(), pending));
            }
            if (progress.due()) {
                progress.line("%s: %s (%.0f s)", what, pending, (System.nanoTime() - start) / 1e9);
            }
            Thread.sleep(250);
            pending = condition.pending();
        }
    }

    /** Until intake has relayed everything (when the platform shows its relay backlog at all). */
    void relayed(String after) throws Exception {
        await("relay backlog after the " + after, () -> {
            Long backlog = gateway.relayBacklog();
            return backlog == null || backlog == 0 ? null : "relay backlog " + backlog;
        });
    }

    /** Until intake has relayed everything and the readers of fillonce.records have consumed it. */
    void settled(String after) throws Exception {
        relayed(after);
        consumed(after);
    }

    /**
     * Until every active consumer group reading fillonce.records has caught up; false when none is visible (then it
     * does not wait). A transactional producer's commit markers stay "behind" a caught-up reader, so at most one
     * message a partition that has not moved for 5 s counts as caught up.
     */
    boolean consumed(String after) throws Exception {
        if (lag.lag().isEmpty()) {
            return false;
        }
        long[] unchanged = { -1, System.nanoTime() };
        await("readers of fillonce.records after the " + after, () -> {
            Map<String, RecordsLag.Behind> now = lag.lag();
            long total = RecordsLag.total(now);
            if (total != unchanged[0]) {
                unchanged[0] = total;
                unchanged[1] = System.nanoTime();
            }
            boolean markersOnly = now.values().stream().allMatch(RecordsLag.Behind::atMostMarkers)
                    && System.nanoTime() - unchanged[1] > 5e9;
            return total == 0 || markersOnly ? null : "behind by " + RecordsLag.describe(now);
        });
        return true;
    }

    /** Until every department's topic holds every accepted record ({@code seqs}) of the tally's run. */
    void delivered(String after, DeliveryTally tally, java.util.BitSet seqs, DepartmentTopics topics)
            throws Exception {
        long expected = (long) seqs.cardinality() * tally.departments();
        await("deliveries of the " + after, () -> {
            topics.check();
            return tally.completeFor(seqs) ? null : String.format(Locale.ROOT, "%d of %d deliveries",
                    tally.deliveriesOf(seqs), expected);
        });
    }
}
