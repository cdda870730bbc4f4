package io.fillonce.bench.platform;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deliveries of one run: which of its {@code records} submissions each department's topic holds. A message
 * read again (at-least-once) counts once; a submission is complete when every department has it, and the listener
 * hears of it then, with the arrival time at the last department. Times are {@link System#nanoTime()} values.
 */
final class DeliveryTally {

    /** Hears that a submission has reached every department. */
    interface Completion {

        void reachedAll(int seq, long lastArrivalNanos);
    }

    private final String run;
    private final int records;
    private final Map<String, BitSet> received = new HashMap<>();
    private final int[] reached;
    private final Completion completion;
    private long deliveries;
    private long repeated;
    private long outside;
    private int complete;
    private long firstArrival;
    private long lastArrival;

    DeliveryTally(String run, int records, List<String> departments, Completion completion) {
        this.run = run;
        this.records = records;
        this.completion = completion;
        this.reached = new int[records];
        departments.forEach(department -> received.put(department, new BitSet(records)));
    }

    DeliveryTally(String run, int records, List<String> departments) {
        this(run, records, departments, (seq, nanos) -> {
        });
    }

    String run() {
        return run;
    }

    /** Counts a message of this run read from {@code department}'s topic at {@code nanos}; true if it was new. */
    synchronized boolean accept(String department, int seq, long nanos) {
        BitSet seen = received.get(department);
        if (seen == null || seq < 0 || seq >= records) {
            outside++;
            return false;
        }
        if (seen.get(seq)) {
            repeated++;
            return false;
        }
        seen.set(seq);
        if (deliveries++ == 0) {
            firstArrival = nanos;
        }
        lastArrival = nanos;
        if (++reached[seq] == received.size()) {
            complete++;
            completion.reachedAll(seq, nanos);
        }
        return true;
    }

    synchronized long deliveries() {
        return deliveries;
    }

    long expected() {
        return (long) records * received.size();
    }

    synchronized int completeRecords() {
        return complete;
    }

    synchronized boolean complete() {
        return complete == records;
    }

    /** Deliveries of the given submissions only (those that were accepted, say). */
    synchronized long deliveriesOf(BitSet seqs) {
        long count = 0;
        for (int seq = seqs.nextSetBit(0); seq >= 0 && seq < records; seq = seqs.nextSetBit(seq + 1)) {
            count += reached[seq];
        }
        return count;
    }

    /** Whether every department has every one of the given submissions. */
    synchronized boolean completeFor(BitSet seqs) {
        for (int seq = seqs.nextSetBit(0); seq >= 0; seq = seqs.nextSetBit(seq + 1)) {
            if (seq >= records || reached[seq] < received.size()) {
                return false;
            }
        }
        return true;
    }

    int departments() {
        return received.size();
    }

    /** Messages read more than once. */
    synchronized long repeated() {
        return repeated;
    }

    /** Messages of this run on a topic not watched for it, or with a seq it never submitted. */
    synchronized long outside() {
        return outside;
    }

    synchronized long firstArrivalNanos() {
        return firstArrival;
    }

    synchronized long lastArrivalNanos() {
        return lastArrival;
    }
}
