package io.fillonce.sync.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.backfill.ActiveJob;
import io.fillonce.fieldrules.CodeTable;
import io.fillonce.fieldrules.CodeTables;
import io.fillonce.fieldrules.FieldHasher;
import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.Subjects;
import io.fillonce.fieldrules.UnmappableRecord;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.Share;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Shares one entity's current version with one subscription's department: maps it with the subscription as the
 * view holds it now (only what the subscription maps can be in the payload), names it by the subject the
 * department may see ({@link Subjects}: its pseudonym unless the subscription discloses the key), and returns the
 * department message with its audit event, and the entity with the share noted. A payload that cannot be built is
 * SKIPPED with the reason for that department only. Used by the live fan-out, backfills and re-syncs alike.
 */
@Component
class Sharing {

    private static final Logger log = LoggerFactory.getLogger(Sharing.class);

    private final RegistryView registry;
    private final FieldHashes hashes;
    private final Subjects subjects;
    private final DepartmentTopics topics;
    private final JsonMapper json;

    Sharing(RegistryView registry, FieldHashes hashes, Subjects subjects, DepartmentTopics topics, JsonMapper json) {
        this.registry = registry;
        this.hashes = hashes;
        this.subjects = subjects;
        this.topics = topics;
        this.json = json;
    }

    /**
     * What sharing produced: the subscription's share to note on the entity and, unless the payload could not be
     * built, the department message, its key (the subject the department sees) and the department's view for the
     * audit event.
     */
    record Shared(Share share, String key, Outgoing message, AuditEvent.Recipient recipient) {

        boolean sent() {
            return message != null;
        }
    }

    /** {@code job}: the backfill or re-sync sharing it, null for the live fan-out. */
    Shared share(EntityRecord entity, Subscription subscription, ActiveJob job, Instant now) {
        String jobId = job == null ? null : job.id();
        JsonNode payload;
        try {
            payload = subscription.fields().payloadFor(entity.data(), registry,
                    hashes.forDepartment(subscription.department()));
        }
        catch (UnmappableRecord e) {
            log.warn("Event {} ({}) not shared with department {} by subscription {}: {}", entity.eventId(),
                    entity.subject(), subscription.department(), subscription.id(), e.getMessage());
            return new Shared(Share.skipped(subscription.department(), entity.version(), "payload cannot be built: "
                    + e.getMessage(), now, jobId), null, null, null);
        }
        String eventId = job == null ? entity.eventId() : job.eventIdFor(entity.eventId());
        String text = json.writeValueAsString(payload);
        String topic = topics.ensure(subscription.department());
        String department = subscription.department();
        String subject = subjectFor(entity, subscription);
        String submitter = entity.latestSubmitter();
        Outgoing message = new Outgoing.ToDepartment(topic, DepartmentMessages.message(entity, subscription, subject,
                sealedFor(entity, subscription), submitter == null ? null : subjects.seal(submitter, department),
                eventId, text.getBytes(StandardCharsets.UTF_8)));
        AuditEvent.Recipient recipient = AuditEvent.Recipient.of(department, subscription.id(), null,
                subscription.purpose(), subscription.legalBasis(), payload, text, subscription.keyInClear());
        return new Shared(Share.shared(department, entity.version(), eventId, entity.eventId(), now, jobId), subject,
                message, recipient);
    }

    /**
     * Whether the department's message for the entity's current version would differ if code table
     * {@code proposed.name()} had {@code proposed}'s entries: another value, or mappable where it was not (or the
     * reverse).
     */
    boolean changedBy(EntityRecord entity, Subscription subscription, CodeTable proposed) {
        FieldHasher hasher = hashes.forDepartment(subscription.department());
        CodeTables changed = name -> name.equals(proposed.name()) ? Optional.of(proposed) : registry.find(name);
        return !Objects.equals(payloadOrNull(entity, subscription, registry, hasher),
                payloadOrNull(entity, subscription, changed, hasher));
    }

    private static JsonNode payloadOrNull(EntityRecord entity, Subscription subscription, CodeTables tables,
            FieldHasher hasher) {
        try {
            return subscription.fields().payloadFor(entity.data(), tables, hasher);
        }
        catch (UnmappableRecord e) {
            return null;
        }
    }

    /**
     * Tells the subscription's department that the entity's current version left the subscription's filter: a
     * {@code withdrawn} message without data, under the subject it knows the entity by, so its copy does not go
     * stale unnoticed. The audit lists it with no fields.
     */
    Shared withdraw(EntityRecord entity, Subscription subscription, Instant now) {
        return notice(DepartmentMessages.WITHDRAWN, entity, subscription,
                Share.withdrawn(subscription.department(), entity.version(), now));
    }

    /** Tells the department that held the entity that it was retracted: a {@code retracted} message, no data. */
    Shared retract(EntityRecord entity, Subscription subscription, Instant now) {
        return notice(DepartmentMessages.RETRACTED, entity, subscription,
                Share.retracted(subscription.department(), entity.version(), now));
    }

    /**
     * Tells the department that held the entity that its data was erased: an {@code erased} message, no data, under
     * the subject it knows the entity by. No share follows: sync keeps nothing of the entity after it.
     */
    Shared erase(EntityRecord entity, Subscription subscription) {
        return notice(DepartmentMessages.ERASED, entity, subscription, null);
    }

    private Shared notice(String type, EntityRecord entity, Subscription subscription, Share share) {
        String department = subscription.department();
        String subject = subjectFor(entity, subscription);
        Outgoing message = new Outgoing.ToDepartment(topics.ensure(department), DepartmentMessages.notice(type, entity,
                subscription, subject, sealedFor(entity, subscription)));
        AuditEvent.Recipient recipient = new AuditEvent.Recipient(department, subscription.id(), null, List.of(),
                subscription.purpose(), subscription.legalBasis(), null, subscription.keyInClear());
        return new Shared(share, subject, message, recipient);
    }

    /** The subject the subscription's department knows the entity by: the entity's own, or its pseudonym. */
    private String subjectFor(EntityRecord entity, Subscription subscription) {
        return subjects.forDepartment(subscription.department(), subscription.keyInClear(), entity.type(),
                entity.entityKey());
    }

    /** Under a pseudonym, the entity's subject sealed for sync-service alone; null when the key is in clear. */
    private String sealedFor(EntityRecord entity, Subscription subscription) {
        return subscription.keyInClear() ? null : subjects.seal(entity.subject(), subscription.department());
    }

    /**
     * The last message of an ended subscription: a {@code fillonce.subscription.ended} notice (no data) keyed and
     * named {@code subscription/<id>}, at the time it ended.
     */
    Shared ended(Subscription subscription) {
        String key = DepartmentMessages.subscriptionSubject(subscription);
        return new Shared(null, key, new Outgoing.ToDepartment(topics.ensure(subscription.department()),
                DepartmentMessages.ended(subscription)), null);
    }
}
