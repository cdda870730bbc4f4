package io.fillonce.sync.fanout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fillonce.registryfeed.RegistryPosition;
import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.backfill.ActiveJob;
import io.fillonce.sync.backfill.BackfillSettings;
import io.fillonce.sync.backfill.Backfills;
import io.fillonce.sync.backfill.JobCursor;
import io.fillonce.sync.backfill.JobKind;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.EntityRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The jobs of one fan-out task (see {@link FanOutProcessor} for why they are walked on the task's own thread):
 * every punctuation takes a bounded step of each running job over the task's entities, in key order, and keeps
 * its cursor in the task's store, committed with what it wrote. BACKFILL and RESYNC share current versions,
 * RELEASE sends what a resumed subscription held (any job sends held versions first when it meets them), END
 * writes the ended notice and drops what the subscription still held. A job whose subscription is suspended
 * waits; one whose subscription ended fails (but its END job).
 */
final class JobWalk {

    private final ProcessorContext<String, Outgoing> context;
    private final Deliveries deliveries;
    private final Sharing sharing;
    private final RegistryView registry;
    private final RegistryPosition position;
    private final Backfills backfills;
    private final BackfillSettings settings;
    private final KeyValueStore<String, EntityRecord> entities;
    private final KeyValueStore<String, JobCursor> cursors;
    private final KeyValueStore<String, Long> counts;
    private final int partition;

    JobWalk(ProcessorContext<String, Outgoing> context, Deliveries deliveries, Sharing sharing, RegistryView registry,
            RegistryPosition position, Backfills backfills, BackfillSettings settings) {
        this.context = context;
        this.deliveries = deliveries;
        this.sharing = sharing;
        this.registry = registry;
        this.position = position;
        this.backfills = backfills;
        this.settings = settings;
        this.entities = context.getStateStore(FanOutProcessor.ENTITIES);
        this.cursors = context.getStateStore(FanOutProcessor.JOB_CURSORS);
        this.counts = context.getStateStore(FanOutProcessor.TYPE_COUNTS);
        this.partition = context.taskId().partition();
    }

    /** One punctuation: a bounded step of every running job over this partition. */
    void step(long wallClock) {
        long deadline = System.nanoTime() + settings.budget().toNanos();
        for (ActiveJob job : backfills.running()) {
            JobCursor cursor = cursors.get(job.id());
            if (cursor != null && cursor.done()) {
                continue;
            }
            Optional<Subscription> subscription = registry.subscription(job.subscription());
            if (subscription.isEmpty()) {
                if (position.hasReached(job.registryPosition())) {
                    JobCursor failed = (cursor == null ? JobCursor.start(0) : cursor)
                            .failed("subscription " + job.subscription() + " is no longer registered");
                    cursors.put(job.id(), failed);
                    backfills.report(job.id(), partition, failed);
                }
                continue; // else this view does not know the subscription yet
            }
            Subscription known = subscription.get();
            if (job.kind() == JobKind.END) {
                if (!known.ended()) {
                    continue; // this view does not know it ended yet
                }
                cursor = walk(job, known, cursor == null ? tellEnded(known) : cursor, deadline);
            }
            else if (known.ended()) {
                cursor = (cursor == null ? JobCursor.start(0) : cursor).failed("subscription " + known.id() + " ended");
            }
            else if (known.suspended() && job.kind() != JobKind.IMPACT) {
                continue; // walked on once it resumes (a count sends nothing: it walks on)
            }
            else {
                cursor = walk(job, known, cursor == null ? JobCursor.start(count(job.recordType())) : cursor, deadline);
            }
            cursors.put(job.id(), cursor);
            backfills.report(job.id(), partition, cursor);
            if (System.nanoTime() > deadline) {
                return;
            }
        }
    }

    private JobCursor walk(ActiveJob job, Subscription subscription, JobCursor cursor, long deadline) {
        String type = job.recordType();
        String from = cursor.after() == null ? type + "/" : cursor.after() + "\0";
        boolean sharesCurrent = job.kind() == JobKind.BACKFILL || job.kind() == JobKind.RESYNC;
        Instant now = now();
        int walked = 0;
        try (KeyValueIterator<String, EntityRecord> range = entities.range(from, type + "0")) {
            while (range.hasNext()) {
                if (walked >= settings.chunk() || System.nanoTime() > deadline) {
                    return cursor;
                }
                KeyValue<String, EntityRecord> next = range.next();
                EntityRecord entity = next.value;
                boolean sent = false;
                if (job.kind() == JobKind.END) {
                    if (!entity.holding(subscription.id()).isEmpty()) { // held for nobody now: dropped
                        entities.put(next.key, entity.released(subscription.id()));
                    }
                }
                else if (job.kind() == JobKind.IMPACT) { // counts, sends nothing
                    sent = !entity.retracted() && subscription.wants(entity.data())
                            && sharing.changedBy(entity, subscription, job.proposed().table());
                }
                else if (!entity.holding(subscription.id()).isEmpty()) { // whatever else the job, held versions first
                    entity = deliveries.released(entity, subscription, now);
                    entities.put(next.key, entity);
                    sent = true;
                }
                if (sharesCurrent && !entity.retracted() && subscription.wants(entity.data())
                        && (job.resync() || !entity.hasCurrentVersionFor(subscription.id()))) {
                    Sharing.Shared shared = sharing.share(entity, subscription, job, now);
                    List<AuditEvent.Recipient> recipients = new ArrayList<>(1);
                    deliveries.send(entity, shared, recipients, now);
                    deliveries.audit(entity, job.eventIdFor(entity.eventId()), recipients, now);
                    entities.put(next.key, entity.with(Map.of(subscription.id(), shared.share())));
                    sent |= shared.sent();
                }
                cursor = cursor.walked(next.key, sent);
                walked++;
            }
        }
        return cursor.finished();
    }

    private long count(String type) {
        Long count = counts.get(type);
        return count == null ? 0 : count;
    }

    /**
     * The start of an END job: the department's {@code fillonce.subscription.ended} notice, written once by
     * partition 0's task (the cursor it returns is committed in the same transaction, so the job never starts
     * again); then every partition walks its entities of the type and drops what the subscription still held.
     */
    private JobCursor tellEnded(Subscription subscription) {
        if (partition == 0) {
            deliveries.notice(sharing.ended(subscription), now());
        }
        return JobCursor.start(count(subscription.recordType()));
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
