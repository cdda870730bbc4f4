package io.fillonce.sync.backfill;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One backfill or re-sync of one subscription, kept in MongoDB so that any instance can show it and every stream
 * task works it. The work itself is done by each task of the fan-out over the entities of its own partition (the
 * only place where an entity's state is read and shared, so a job never races the live fan-out); the task keeps
 * its cursor in its own state store and reports its counts here per partition ({@code progress}, keyed by the
 * partition number). The job is DONE when all {@code partitions} of fillonce.records reported done.
 * {@code registryPosition} is the registry view's position (offset per partition of fillonce.registry) of the
 * instance that created the job, which knew the subscription: a task whose view has passed it and does not know
 * the subscription knows it was removed. {@code proposed}: an IMPACT job's code table as the change would make it
 * (null for other kinds).
 */
@Document("backfill_jobs")
record BackfillJob(@Id String id, JobKind kind, String subscription, String department, String recordType,
        String trigger, String requestedBy, JobState state, int partitions, Map<String, Long> registryPosition,
        Map<String, PartitionProgress> progress, Instant startedAt, Instant finishedAt, Instant heartbeat,
        String error, ProposedCodeTable proposed) {

    /** One partition's share of the work, as its task last reported it. */
    record PartitionProgress(long total, long walked, long shared, long skipped, boolean done, String failure) {
    }

    /**
     * A job that starts {@code now}: RUNNING, nothing reported yet. The withers below say what it is for, who started
     * it and over what (read as one sentence at the call site, not as a row of positional nulls).
     */
    static BackfillJob started(String id, JobKind kind, Instant now) {
        return new BackfillJob(id, kind, null, null, null, null, null, JobState.RUNNING, 0, Map.of(), Map.of(), now,
                null, now, null, null);
    }

    /** Which subscription it works for: its department and record type. */
    BackfillJob sharing(String subscription, String department, String recordType) {
        return new BackfillJob(id, kind, subscription, department, recordType, trigger, requestedBy, state,
                partitions, registryPosition, progress, startedAt, finishedAt, heartbeat, error, proposed);
    }

    /** What started it ({@code operator}, {@code subscription-registered}, ...) and on whose request. */
    BackfillJob startedBy(String trigger, String requestedBy) {
        return new BackfillJob(id, kind, subscription, department, recordType, trigger, requestedBy, state,
                partitions, registryPosition, progress, startedAt, finishedAt, heartbeat, error, proposed);
    }

    /** How many partitions of fillonce.records it walks, and the registry position its creator had then. */
    BackfillJob over(int partitions, Map<String, Long> registryPosition) {
        return new BackfillJob(id, kind, subscription, department, recordType, trigger, requestedBy, state,
                partitions, registryPosition, progress, startedAt, finishedAt, heartbeat, error, proposed);
    }

    /** An IMPACT job's code table as the change would make it (null for other kinds). */
    BackfillJob proposing(ProposedCodeTable proposed) {
        return new BackfillJob(id, kind, subscription, department, recordType, trigger, requestedBy, state,
                partitions, registryPosition, progress, startedAt, finishedAt, heartbeat, error, proposed);
    }

    /** The partitions' progress as their tasks last reported it, the last report at {@code heartbeat}. */
    BackfillJob progressed(Map<String, PartitionProgress> progress, Instant heartbeat) {
        return new BackfillJob(id, kind, subscription, department, recordType, trigger, requestedBy, state,
                partitions, registryPosition, progress, startedAt, finishedAt, heartbeat, error, proposed);
    }

    /** Ended at {@code at} in {@code state} (DONE or FAILED), {@code error} saying why it failed. */
    BackfillJob finished(JobState state, String error, Instant at) {
        return new BackfillJob(id, kind, subscription, department, recordType, trigger, requestedBy, state,
                partitions, registryPosition, progress, startedAt, at, at, error, proposed);
    }

    long total() {
        return progress == null ? 0 : progress.values().stream().mapToLong(PartitionProgress::total).sum();
    }

    long shared() {
        return progress == null ? 0 : progress.values().stream().mapToLong(PartitionProgress::shared).sum();
    }

    long skipped() {
        return progress == null ? 0 : progress.values().stream().mapToLong(PartitionProgress::skipped).sum();
    }

    /** How far it is, from 0 to 1: entities walked of those its partitions held when they started, done ones whole. */
    double fraction() {
        if (partitions <= 0 || progress == null) {
            return 0;
        }
        double sum = 0;
        for (PartitionProgress partition : progress.values()) {
            sum += partition.done() ? 1 : partition.total() <= 0 ? 0
                    : Math.min(1, partition.walked() / (double) partition.total());
        }
        return sum / partitions;
    }

    ActiveJob active() {
        return new ActiveJob(id, kind, subscription, recordType, registryPosition, proposed);
    }
}
