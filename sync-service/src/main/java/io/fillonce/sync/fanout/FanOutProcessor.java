package io.fillonce.sync.fanout;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.fillonce.registryfeed.RegistryPosition;
import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.backfill.BackfillSettings;
import io.fillonce.sync.backfill.Backfills;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.EntityStates;
import io.fillonce.sync.state.Share;
import io.fillonce.telemetry.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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
 * A message this task cannot read (not a CloudEvent, data that is not JSON, JSON that is not a record event: a
 * poison message, which no retry would mend) is written as it came to fillonce.records.dead
 * ({@link UnreadableRecords}) in that same transaction, so it is kept once, and the partition goes on with the
 * next message. Nothing reads it back: an operator inspects it and has the record fixed and submitted again.
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
 * Backfills and re-syncs are walked here too ({@link JobWalk}), between live records (a punctuation every
 * {@code interval}, at most {@code chunk} entities or {@code budget} of time each), over this partition's entities
 * in key order: each matching entity whose current version the department does not have (a re-sync: every
 * matching entity) is shared. Walking and live sharing happen on one thread over one store, so a job can never
 * send an older version after a newer one, nor miss a version: an entity the walk passed gets its later versions
 * from the live fan-out, whose view knows the subscription from the moment the job is walked here (a job waits
 * until the view knows its subscription; a task starting on an instance first waits for the view to reach the
 * registry's end).
 */
final class FanOutProcessor implements Processor<byte[], byte[], String, Outgoing> {

    static final String ENTITIES = EntityStates.STORE;
    static final String JOB_CURSORS = "job-cursors";
    /** Entities per record type; also, under {@value #ERASED}{@code <recordId>}, the version that erased one. */
    static final String TYPE_COUNTS = "type-counts";
    /** Key prefix of erasure markers in {@link #TYPE_COUNTS}: '~' starts no record type's name. */
    static final String ERASED = "~erased/";
    static final Duration VIEW_PATIENCE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(FanOutProcessor.class);

    private final RecordEventReader reader;
    private final RegistryView registry;
    private final RegistryPosition position;
    private final Sharing sharing;
    private final Backfills backfills;
    private final BackfillSettings settings;
    private final Traces traces;
    private final MeterRegistry meters;
    private final UnreadableRecords unreadable;
    private ProcessorContext<String, Outgoing> context;
    private KeyValueStore<String, EntityRecord> entities;
    private KeyValueStore<String, Long> counts;
    private Deliveries deliveries;

    FanOutProcessor(RecordEventReader reader, RegistryView registry, RegistryPosition position, Sharing sharing,
            Backfills backfills, BackfillSettings settings, Traces traces, MeterRegistry meters) {
        this.reader = reader;
        this.registry = registry;
        this.position = position;
        this.sharing = sharing;
        this.backfills = backfills;
        this.settings = settings;
        this.traces = traces;
        this.meters = meters;
        this.unreadable = new UnreadableRecords(meters);
    }

    @Override
    public void init(ProcessorContext<String, Outgoing> context) {
        this.context = context;
        this.entities = context.getStateStore(ENTITIES);
        this.counts = context.getStateStore(TYPE_COUNTS);
        this.deliveries = new Deliveries(context, sharing);
        JobWalk jobs = new JobWalk(context, deliveries, sharing, registry, position, backfills, settings);
        position.awaitCurrent(VIEW_PATIENCE);
        context.schedule(settings.interval(), PunctuationType.WALL_CLOCK_TIME, jobs::step);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        CloudEvent cloudEvent;
        CanonicalEvent event;
        try {
            cloudEvent = reader.cloudEvent(record.headers(), record.value());
            event = reader.read(cloudEvent);
        }
        catch (MalformedRecordEvent e) {
            context.forward(unreadable.deadLetter(record, context.recordMetadata().orElseThrow(), e));
            return;
        }
        meters.counter("fillonce.fanout.records", "type", event.type()).increment();
        Object extension = cloudEvent.getExtension(Traces.TRACEPARENT);
        String traceparent = extension == null ? null : extension.toString();
        Span span = traces.continueTrace("fan-out", traceparent);
        try (Tracer.SpanInScope scope = traces.inScope(span)) {
            deliveries.tracing(traces.traceparent(span));
            fanOut(event, Traces.traceId(traceparent));
        }
        finally {
            deliveries.tracing(null);
            Traces.end(span);
        }
    }

    /**
     * One canonical event, submitted in trace {@code traceId} (or none): a duplicate or an erased entity's late version
     * changes nothing.
     */
    private void fanOut(CanonicalEvent event, String traceId) {
        EntityRecord known = entities.get(event.subject());
        if (known != null && known.version() >= event.version()) {
            log.debug("Event {} is not newer than version {} of {}: a duplicate, skipped", event.id(), known.version(),
                    event.subject());
            return;
        }
        if ((known == null || !known.recordId().equals(event.recordId()))
                && erasedAt(event.recordId()) >= event.version()) {
            log.debug("Event {} is of an erased entity: skipped", event.id());
            return;
        }
        String time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time());
        if (event.erased()) {
            erase(known, event, time);
            return;
        }
        EntityRecord entity = known == null
                ? EntityRecord.first(event.type(), event.entityKey(), event.recordId(), event.version(), event.id(),
                        time, event.data(), event.submittedBy())
                : known.next(event.version(), event.id(), time, event.data(), event.submittedBy());
        entity = entity.retracting(event.retracted()).traced(traceId);
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
        deliveries.audit(entity, entity.eventId(), recipients, now);
        entities.put(entity.subject(), entity.with(shares));
    }

    /**
     * The entity's erased last version: every department that holds a copy under a subscription that has not ended is
     * told ({@code erased}, no data; what a suspended one held of it is dropped), the audit notes who erased it and
     * whom it told, and the entity leaves the store (a tombstone on its changelog). What stays is a marker by the
     * entity's record id (never its key) and version, so a late duplicate of an earlier version cannot bring it back.
     */
    private void erase(EntityRecord known, CanonicalEvent event, String time) {
        Instant now = now();
        List<AuditEvent.Recipient> recipients = new ArrayList<>();
        if (known != null) {
            EntityRecord last = known.next(event.version(), event.id(), time, event.data(), event.submittedBy());
            for (Subscription subscription : registry.subscriptionsFor(event.type())) {
                if (!subscription.ended() && Deliveries.holdsCopy(known.shares().get(subscription.id()))) {
                    deliveries.send(last, sharing.erase(last, subscription), recipients, now);
                }
            }
            entities.delete(event.subject());
            Long count = counts.get(event.type());
            counts.put(event.type(), count == null || count <= 1 ? 0 : count - 1);
        }
        counts.put(ERASED + event.recordId(), event.version());
        deliveries.erased(event.type(), event.entityKey(), event.version(), event.id(), event.submittedBy(),
                recipients, now);
    }

    /** The version that erased the entity of this record id, or 0. */
    private long erasedAt(String recordId) {
        Long version = counts.get(ERASED + recordId);
        return version == null ? 0 : version;
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
            boolean due = subscription.wants(entity.data()) || Deliveries.holdsCopy(last)
                    || !entity.holding(id).isEmpty();
            return due ? entity.hold(id) : entity;
        }
        EntityRecord current = entity;
        if (!entity.holding(id).isEmpty()) {
            last = deliveries.release(entity, subscription, last, now);
            current = entity.released(id);
        }
        Share next = deliveries.offer(current, subscription, last, now, recipients);
        if (next != entity.shares().get(id)) {
            shares.put(id, next);
        }
        return current;
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
