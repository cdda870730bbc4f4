package io.fillonce.sync.backfill;

import java.time.Instant;

/**
 * A backfill or re-sync job as operators see it: which subscription, what started it, where it stands and how
 * far it got ({@code enqueued + skipped} of {@code total} entities; entities registered while it runs are shared
 * live and may take the sum past {@code total}).
 */
record Backfill(String id, String kind, String subscription, String department, String recordType, String trigger,
        String requestedBy, String state, long total, long enqueued, long skipped, Instant startedAt,
        Instant finishedAt, Instant heartbeat, String error) {
}
