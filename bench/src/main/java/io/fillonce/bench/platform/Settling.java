package io.fillonce.bench.platform;

import java.time.Duration;
import java.util.Locale;

/**
 * Waiting, always with a deadline: for a condition, printing how far it got every few seconds, and ending in
 * {@link NotSettled} ("did not finish in …, how far it got") instead of hanging. Also the two waits between
 * stages: intake's relay backlog down to 0, and every delivery of a run on its departments' topics.
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
    private final Progress progress;
    private final Duration timeout;

    Settling(Gateway gateway, Progress progress, Duration timeout) {
        this.gateway = gateway;
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
