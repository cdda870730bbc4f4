package io.fillonce.sync.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.audit.AuditLog;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.Share;
import io.fillonce.telemetry.Traces;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one fan-out task writes, one entity version at a time: department messages as a subscription's state
 * decides them, and the audit event of each version written. The live fan-out and the job walk both write
 * through it, so a version is decided the same way whoever meets it first.
 */
final class Deliveries {

    /** Each department message written, at DEBUG: turn it on to follow a trace to every department. */
    private static final Logger log = LoggerFactory.getLogger("io.fillonce.sync.deliveries");

    private final ProcessorContext<String, Outgoing> context;
    private final Sharing sharing;
    /** The traceparent department messages carry while a live version is fanned out (ASCII); null otherwise. */
    private byte[] traceparent;

    Deliveries(ProcessorContext<String, Outgoing> context, Sharing sharing) {
        this.context = context;
        this.sharing = sharing;
    }

    /**
     * The live decision for one version: a version that retracts the entity is a {@code retracted} notice to a
     * department holding a copy; otherwise shared when the filter wants it, a {@code withdrawn} notice when it does
     * not but the department holds a copy, else nothing. Returns the subscription's share after it ({@code last}
     * when nothing was sent).
     */
    Share offer(EntityRecord version, Subscription subscription, Share last, Instant now,
            List<AuditEvent.Recipient> recipients) {
        Sharing.Shared shared = null;
        if (version.retracted()) {
            shared = holdsCopy(last) ? sharing.retract(version, subscription, now) : null;
        }
        else if (subscription.wants(version.data())) {
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
    Share release(EntityRecord entity, Subscription subscription, Share last, Instant now) {
        for (EntityRecord.HeldVersion held : entity.holding(subscription.id())) {
            EntityRecord version = entity.at(held);
            List<AuditEvent.Recipient> recipients = new ArrayList<>(1);
            last = offer(version, subscription, last, now, recipients);
            audit(version, version.eventId(), recipients, now);
        }
        return last;
    }

    /** The entity after the resumed subscription's held versions went out (a RELEASE job's step). */
    EntityRecord released(EntityRecord entity, Subscription subscription, Instant now) {
        String id = subscription.id();
        Share last = release(entity, subscription, entity.shares().get(id), now);
        EntityRecord released = entity.released(id);
        return last == null ? released : released.with(Map.of(id, last));
    }

    /** Whether the department got a version of the entity and was not told since that it left the filter. */
    static boolean holdsCopy(Share last) {
        return last != null && last.holdsCopy();
    }

    /** Writes the department message, and notes the department's view for the entity version's audit event. */
    void send(EntityRecord entity, Sharing.Shared shared, List<AuditEvent.Recipient> recipients, Instant now) {
        if (shared.sent()) {
            forward(shared, now);
            recipients.add(shared.recipient());
        }
    }

    /** One audit event per entity version written: every department it went to. */
    void audit(EntityRecord entity, String eventId, List<AuditEvent.Recipient> recipients, Instant now) {
        if (!recipients.isEmpty()) {
            context.forward(new Record<>(entity.subject(), new Outgoing.ToAudit(AuditEvent.delivered(now,
                    entity.type(), entity.entityKey(), entity.version(), eventId, "topic", recipients)
                    .withSubmitter(entity.latestSubmitter())), now.toEpochMilli()));
        }
    }

    /**
     * The erasure's audit event, keyed for the audit writer as an erasure of the entity
     * ({@link AuditLog#ERASURE_KEY_PREFIX}): it redacts the entity's key from every entry naming it, this one too.
     */
    void erased(String type, String entityKey, long version, String eventId, String by,
            List<AuditEvent.Recipient> recipients, Instant now) {
        context.forward(new Record<>(AuditLog.ERASURE_KEY_PREFIX + type + "/" + entityKey, new Outgoing.ToAudit(
                AuditEvent.erased(now, by, type, entityKey, version, eventId, recipients)), now.toEpochMilli()));
    }

    /** The trace the messages written from now on continue (the live fan-out's span), or none. */
    void tracing(String traceparent) {
        this.traceparent = traceparent == null ? null : traceparent.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes a message about a subscription rather than an entity (its ended notice). */
    void notice(Sharing.Shared notice, Instant now) {
        forward(notice, now);
    }

    private void forward(Sharing.Shared message, Instant now) {
        Record<String, Outgoing> record = new Record<>(message.key(), message.message(), now.toEpochMilli());
        if (traceparent != null) {
            record.headers().add(Traces.KAFKA_HEADER, traceparent);
        }
        context.forward(record);
        if (log.isDebugEnabled() && message.message() instanceof Outgoing.ToDepartment department) {
            log.debug("Wrote {} {} to {}", department.event().getType(), department.event().getId(),
                    department.topic());
        }
    }
}
