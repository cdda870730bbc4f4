package io.fillonce.sync.backfill;

import java.time.Instant;

/**
 * A backfill or re-sync job as operators see it: which subscription, what started it, where it stands and how
 * far it got ({@code enqueued + skipped} of {@code total} entities; entities registered while it runs are shared
 * live and may take the sum past {@code total}). A backfill stays RUNNING in {@code phase} SETTLING until its
 * settle pass, starting at {@code settleAt}, has {@code checked} every entity again; {@code settled} counts the
 * entities it queued because the department did not have their current version.
 */
record Backfill(String id, String kind, String subscription, String department, String recordType, String trigger,
        String requestedBy, String state, String phase, long total, long enqueued, long skipped, long checked,
        long settled, Instant startedAt, Instant settleAt, Instant finishedAt, Instant heartbeat, String error) {
}
