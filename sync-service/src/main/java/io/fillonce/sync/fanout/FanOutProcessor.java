package io.fillonce.sync.fanout;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cloudevents.CloudEvent;
import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.backfill.ActiveJob;
import io.fillonce.sync.backfill.BackfillSettings;
import io.fillonce.sync.backfill.Backfills;
import io.fillonce.sync.backfill.JobCursor;
import io.fillonce.sync.backfill.JobKind;
import io.fillonce.sync.registry.RegistryPosition;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.EntityStates;
import io.fillonce.sync.state.Share;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out of one partition of fillonce.records (one stream task): for each canonical event, the entity's
 * state in the task's store decides, and each subscription whose filter wants the new version gets it; one whose
 * department holds a copy of an earlier version but whose filter no longer wants this one gets one {@code withdrawn}
 * message (no data), and nothing more until the entity matches again. Kafka
 * Streams writes the department messages, the audit events, the store's changes and the consumed offsets in one
 * transaction (exactly-once v2), so after a crash the task resumes exactly where its last commit left it: no
 * message is lost or written twice, whatever was in flight.
 * <p>
 * A subscription's life ({@link Subscription.Status}) is decided here too, per entity: a SUSPENDED subscription
 * gets nothing, and each version its department would have been sent something for is held on the entity's record;
 * once ACTIVE again, an entity's held versions go out, oldest first and each decided as the live fan-out would have,
 * before its next live version, and a RELEASE job walks the entities no update reached. An ENDED subscription gets
 * nothing more (what it held is dropped); its END job writes the department's one ended notice.
 * <p>
 * Order: the records topic and the department topics are keyed by subject and this task is the only writer of
 * its entities' messages, so per entity the department sees versions in the order they were consumed. An event
 * whose version is not newer than the stored one (a re-publication, or an older version after a newer one) is a
 * duplicate and changes nothing.
 * <p>
 * Backfills and re-syncs are walked here too, between live records (a punctuation every {@code interval}, at most
 * {@code chunk} entities or {@code budget} of time each), over this partition's entities in key order: each
 * matching entity whose current version the department does not have (a re-sync: every matching entity) is
 * shared. Walking and live sharing happen on one thread over one store, so a job can never send an older version
 * after a newer one, nor miss a version: an entity the walk passed gets its later versions from the live fan-out,
 * whose view knows the subscription from the moment the job is walked here (a job waits until the view knows its
 * subscription; a task starting on an instance first waits for the view to reach the registry's end).
 */
final class FanOutProcessor implements Processor<String, CloudEvent, String, Outgoing> {

    static final String ENTITIES = EntityStates.STORE;
    static final String JOB_CURSORS = "job-cursors";
    static final String TYPE_COUNTS = "type-counts";
    static final Duration VIEW_PATIENCE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(FanOutProcessor.class);

    private final RecordEventReader reader;
    private final RegistryView registry;
    private final RegistryPosition position;
    private final Sharing sharing;
    private final Backfills backfills;
    private final BackfillSettings settings;
    private ProcessorContext<String, Outgoing> context;
    private KeyValueStore<String, EntityRecord> entities;
    private KeyValueStore<String, JobCursor> cursors;
    private KeyValueStore<String, Long> counts;
    private int partition;

    FanOutProcessor(RecordEventReader reader, RegistryView registry, RegistryPosition position, Sharing sharing,
            Backfills backfills, BackfillSettings settings) {
        this.reader = reader;
        this.registry = registry;
        this.position = position;
        this.sharing = sharing;
        this.backfills = backfills;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Outgoing> context) {
        this.context = context;
        this.entities = context.getStateStore(ENTITIES);
        this.cursors = context.getStateStore(JOB_CURSORS);
        this.counts = context.getStateStore(TYPE_COUNTS);
        this.partition = context.taskId().partition();
        position.awaitCurrent(VIEW_PATIENCE);
        context.schedule(settings.interval(), PunctuationType.WALL_CLOCK_TIME, this::walkJobs);
    }

    @Override
    public void process(Record<String, CloudEvent> record) {
        CanonicalEvent event;
        try {
            event = reader.read(record.value());
        }
        catch (MalformedRecordEvent e) {
            log.error("Skipping offset of partition {}: {}", partition, e.getMessage());
            return;
        }
        EntityRecord known = entities.get(event.subject());
        if (known != null && known.version() >= event.version()) {
            log.debug("Event {} is not newer than version {} of {}: a duplicate, skipped", event.id(), known.version(),
                    event.subject());
            return;
        }
        String time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time());
        EntityRecord entity = known == null
                ? EntityRecord.first(event.type(), event.entityKey(), event.recordId(), event.version(), event.id(),
                        time, event.data(), event.submittedBy())
                : known.next(event.version(), event.id(), time, event.data(), event.submittedBy());
        if (known == null) {
            Long count = counts.get(event.type());
            counts.put(event.type(), count == null ? 1 : count + 1);
        }
        Instant now = now();
        Map<String, Share> shares = new HashMap<>();
        List<AuditEvent.Recipient> recipients = new ArrayList<>();
        for (Subscription subscription : registry.subscriptionsFor(event.type())) {
            entity = fanOut(entity, subscription, shares, recipients, now);
        }
        audit(entity, entity.eventId(), recipients, now);
        entities.put(entity.subject(), entity.with(shares));
    }

    /**
     * One subscription's part of the live fan-out. ENDED: nothing (and what it held is dropped). SUSPENDED: the
     * version is held when the department would get something for it (it matches, or the department holds a copy
     * that it may have to be told left, or earlier versions are held). ACTIVE: what it held goes first, then this
     * version. Returns the entity with its holdings changed; the subscription's new share goes into {@code shares}.
     */
    private EntityRecord fanOut(EntityRecord entity, Subscription subscription, Map<String, Share> shares,
            List<AuditEvent.Recipient> recipients, Instant now) {
        String id = subscription.id();
        Share last = entity.shares().get(id);
        if (subscription.ended()) {
            return entity.released(id);
        }
        if (subscription.suspended()) {
            boolean due = subscription.wants(entity.data()) || holdsCopy(last) || !entity.holding(id).isEmpty();
            return due ? entity.hold(id) : entity;
        }
        EntityRecord current = entity;
        if (!entity.holding(id).isEmpty()) {
            last = release(entity, subscription, last, now);
            current = entity.released(id);
        }
        Share next = offer(current, subscription, last, now, recipients);
        if (next != entity.shares().get(id)) {
            shares.put(id, next);
        }
        return current;
    }

    /**
     * The live decision for one version: shared when the filter wants it, a {@code withdrawn} notice when it does
     * not but the department holds a copy, else nothing. Returns the subscription's share after it ({@code last}
     * when nothing was sent).
     */
    private Share offer(EntityRecord version, Subscription subscription, Share last, Instant now,
            List<AuditEvent.Recipient> recipients) {
        Sharing.Shared shared = null;
        if (subscription.wants(version.data())) {
            shared = sharing.share(version, subscription, null, now);
        }
        else if (holdsCopy(last)) {
            shared = sharing.withdraw(version, subscription, now);
        }
        if (shared == null) {
            return last;
        }
        send(version, shared, recipients, now);
        return shared.share();
    }

    /**
     * Delivers what a resumed subscription held of the entity while it was suspended, oldest first, each version
     * decided as the live fan-out would have decided it then and audited on its own. Returns the share after the
     * last.
     */
    private Share release(EntityRecord entity, Subscription subscription, Share last, Instant now) {
        for (EntityRecord.HeldVersion held : entity.holding(subscription.id())) {
            EntityRecord version = entity.at(held);
            List<AuditEvent.Recipient> recipients = new ArrayList<>(1);
            last = offer(version, subscription, last, now, recipients);
            audit(version, version.eventId(), recipients, now);
        }
        return last;
    }

    /** Whether the department got a version of the entity and was not told since that it left the filter. */
    private static boolean holdsCopy(Share last) {
        return last != null && last.holdsCopy();
    }

    /** Writes the department message, and notes the department's view for the entity version's audit event. */
    private void send(EntityRecord entity, Sharing.Shared shared, List<AuditEvent.Recipient> recipients, Instant now) {
        if (shared.sent()) {
            context.forward(new Record<>(shared.key(), shared.message(), now.toEpochMilli()));
            recipients.add(shared.recipient());
        }
    }

    /** One audit event per entity version written: every department it went to. */
    private void audit(EntityRecord entity, String eventId, List<AuditEvent.Recipient> recipients, Instant now) {
        if (!recipients.isEmpty()) {
            context.forward(new Record<>(entity.subject(), new Outgoing.ToAudit(AuditEvent.delivered(now,
                    entity.type(), entity.entityKey(), entity.version(), eventId, "topic", recipients)),
                    now.toEpochMilli()));
        }
    }

    /** One punctuation: a bounded step of every running job over this partition. */
    void walkJobs(long wallClock) {
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
                cursor = tellEnded(known, cursor);
            }
            else if (known.ended()) {
                cursor = (cursor == null ? JobCursor.start(0) : cursor).failed("subscription " + known.id() + " ended");
            }
            else if (known.suspended()) {
                continue; // walked on once it resumes
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
                if (job.kind() == JobKind.RELEASE) {
                    sent = !entity.holding(subscription.id()).isEmpty();
                    if (sent) {
                        entities.put(next.key, released(entity, subscription, now));
                    }
                }
                else if (subscription.wants(entity.data())
                        && (job.resync() || !entity.hasCurrentVersionFor(subscription.id()))) {
                    Sharing.Shared shared = sharing.share(entity, subscription, job, now);
                    List<AuditEvent.Recipient> recipients = new ArrayList<>(1);
                    send(entity, shared, recipients, now);
                    audit(entity, job.eventIdFor(entity.eventId()), recipients, now);
                    entities.put(next.key, entity.with(Map.of(subscription.id(), shared.share())));
                    sent = shared.sent();
                }
                cursor = cursor.walked(next.key, sent);
                walked++;
            }
        }
        return cursor.finished();
    }

    /** The entity after the resumed subscription's held versions went out (a RELEASE job's step). */
    private EntityRecord released(EntityRecord entity, Subscription subscription, Instant now) {
        String id = subscription.id();
        Share last = release(entity, subscription, entity.shares().get(id), now);
        EntityRecord released = entity.released(id);
        return last == null ? released : released.with(Map.of(id, last));
    }

    /**
     * An END job: the department's {@code fillonce.subscription.ended} notice, written once by partition 0's task
     * (its cursor, committed in the same transaction, keeps it from being written again); every other partition
     * has nothing to do.
     */
    private JobCursor tellEnded(Subscription subscription, JobCursor cursor) {
        JobCursor start = cursor == null ? JobCursor.start(partition == 0 ? 1 : 0) : cursor;
        if (partition != 0) {
            return start.finished();
        }
        Sharing.Shared notice = sharing.ended(subscription);
        context.forward(new Record<>(notice.key(), notice.message(), now().toEpochMilli()));
        return start.walked(notice.key(), true).finished();
    }

    private long count(String type) {
        Long count = counts.get(type);
        return count == null ? 0 : count;
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
