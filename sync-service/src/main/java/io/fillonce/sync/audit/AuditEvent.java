package io.fillonce.sync.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fillonce.contracts.trust.AuditDigest;
import tools.jackson.databind.JsonNode;

/**
 * One access to one version of an entity's data, on its way to the audit log (topic fillonce.sync.audit, then a
 * block of the hash chain; contracts/schemas/audit-event.schema.json): who ({@code actor}), what ({@code action}), by
 * which event and channel, when, and to whom: one {@link Recipient} per department view that left (the fan-out
 * lists every department it wrote the version to in one event), and {@code outcome} when nothing was handed out
 * (refused and not-found reads are audited too). Of the data only the field names and the SHA-256 of the JSON that
 * left are kept. {@code submittedBy}: on a delivery or feed read of a shared version, the principal who submitted
 * that version (where sync knows it): the burden ledger credits the confirmation to it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(String time, String actor, String action, String type, String entityKey, String recordId,
        long version, String eventId, String channel, List<Recipient> recipients, String outcome,
        String submittedBy) {

    /** Nothing was handed out: there was nothing ({@code NOT_FOUND}), or the caller may not have it. */
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String REFUSED = "REFUSED";

    public AuditEvent {
        recipients = List.copyOf(recipients);
    }

    /**
     * One department's view of the version: through which subscription, under which purpose and legal basis, which
     * fields, the hash of the JSON exactly as sent; {@code eventId} only when it differs from the event's (a
     * re-sync's derived id); {@code keyDisclosed}: whether the entity key itself went with it in clear (message key,
     * subject, header, feed item) rather than the department's pseudonym (absent where the caller named the key).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String department, String subscription, String eventId, List<String> fields,
            String purpose, String legalBasis, String payloadHash, Boolean keyDisclosed) {

        public Recipient {
            fields = List.copyOf(fields);
        }

        public static Recipient of(String department, String subscription, String eventId, String purpose,
                String legalBasis, JsonNode payload, String payloadText, boolean keyDisclosed) {
            return new Recipient(department, subscription, eventId, AuditDigest.fieldsOf(payload), purpose,
                    legalBasis, AuditDigest.payloadHash(payloadText), keyDisclosed);
        }
    }

    /** The fan-out wrote the version to these departments' topics, or a webhook endpoint confirmed it. */
    public static AuditEvent delivered(Instant at, String type, String entityKey, long version, String eventId,
            String channel, List<Recipient> recipients) {
        return new AuditEvent(at.toString(), Access.SYNC, AuditAction.DELIVERED.name(), type, entityKey,
                Access.recordIdOf(eventId), version, eventId, channel, recipients, null, null);
    }

    /**
     * The entity's data was erased by {@code actor} at version {@code version}: the departments told are the
     * recipients (no fields). The audit log then redacts the entity's key from every entry naming it, this one too.
     */
    public static AuditEvent erased(Instant at, String actor, String type, String entityKey, long version,
            String eventId, List<Recipient> recipients) {
        return new AuditEvent(at.toString(), actor, AuditAction.ERASED.name(), type, entityKey,
                Access.recordIdOf(eventId), version, eventId, "topic", recipients, null, null);
    }

    /** A read (feed item, prefill view) handed the caller {@code access.payload()}. */
    public static AuditEvent of(Access access, Instant at, JsonNode payload) {
        return new AuditEvent(at.toString(), access.actor(), access.action().name(), access.type(),
                access.entityKey(), access.recordId(), access.version(), access.eventId(), access.channel(),
                List.of(new Recipient(access.department(), null, null, AuditDigest.fieldsOf(payload),
                        access.purpose(), access.legalBasis(), payloadHash(access.payload()), access.keyDisclosed())),
                null, null);
    }

    /**
     * An attempt that handed out nothing ({@code outcome} {@link #NOT_FOUND} or {@link #REFUSED}): who tried to read
     * what, for which department (null when none), on which channel.
     */
    public static AuditEvent attempt(Instant at, String actor, AuditAction action, String department, String type,
            String entityKey, String channel, String outcome) {
        return new AuditEvent(at.toString(), actor, action.name(), type, entityKey, null, 0, null, channel,
                List.of(new Recipient(department, null, null, List.of(), null, null, null, null)), outcome, null);
    }

    /** This event naming who submitted the version it hands out (null: unknown). */
    public AuditEvent withSubmitter(String submitter) {
        return new AuditEvent(time, actor, action, type, entityKey, recordId, version, eventId, channel, recipients,
                outcome, submitter);
    }

    /** {@code sha256:<hex>} of the JSON text exactly as it left. */
    public static String payloadHash(String payload) {
        return AuditDigest.payloadHash(payload);
    }

    /**
     * The entity's subject, {@code <type>/<entityKey>}: the audit topic's key, and what the access log looks up;
     * {@code <type>/~<recordId>} for an event that names no key (an erased entity's).
     */
    public String subject() {
        return type + "/" + (entityKey != null ? entityKey : "~" + recordId);
    }
}
