package io.fillonce.sync.backfill;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One backfill or re-sync of one subscription, kept in MongoDB so that it survives a restart and any instance can
 * show its progress. {@code total} is the number of entities of the type when the job started (entities that
 * appear while it runs are shared by the live fan-out); {@code enqueued} counts entities put in the department's
 * lanes, {@code skipped} entities the filter excludes or whose payload cannot be built. A backfill then settles
 * ({@link JobPhase}): from {@code settleAt} on it checks every entity again ({@code checked}) and queues those
 * whose current version the department does not have ({@code settled}). {@code cursor} is the last entity key
 * done in the current phase (an entity key is personal data: it never leaves through the API); {@code owner} the
 * instance working the job, which renews {@code heartbeat} after every batch.
 */
@Document("backfill-jobs")
record BackfillJob(@Id String id, JobKind kind, String subscription, String department, String recordType,
        String trigger, String requestedBy, JobState state, JobPhase phase, long total, long enqueued, long skipped,
        long checked, long settled, Instant startedAt, Instant settleAt, Instant finishedAt, Instant heartbeat,
        String cursor, String owner, String error) {

    /** True in the settle pass (or waiting for it); jobs stored before settling existed have no phase. */
    boolean settling() {
        return phase == JobPhase.SETTLING;
    }
}
