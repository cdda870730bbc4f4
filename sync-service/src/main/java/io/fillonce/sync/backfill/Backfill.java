package io.fillonce.sync.backfill;

import java.time.Instant;

/**
 * A backfill or re-sync job as operators see it: which subscription, what started it, where it stands and how
 * far it got: {@code enqueued} entities shared with the department and {@code skipped} (filtered out, already
 * current, or not mappable) of the {@code total} entities of the type when each partition began; entities that
 * appear while it runs are shared live. {@code partitionsDone} of {@code partitions} stream tasks have walked
 * their part. An IMPACT job sends nothing: {@code affected} counts the entities whose message would change under the
 * proposed code table (null for other kinds).
 */
record Backfill(String id, String kind, String subscription, String department, String recordType, String trigger,
        String requestedBy, String state, long total, long enqueued, long skipped, int partitions,
        int partitionsDone, Instant startedAt, Instant finishedAt, Instant heartbeat, String error, Long affected) {
}
