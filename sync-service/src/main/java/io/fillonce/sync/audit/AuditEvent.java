package io.fillonce.sync.audit;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One access to an entity's data on its way to the audit log (topic fillonce.sync.audit, then a block of the hash
 * chain): who, what, for which department, which version of which entity by which event and channel, under which
 * purpose and legal basis, when, and of the data only the field names and the SHA-256 of the JSON that left.
 */
public record AuditEvent(String time, String actor, String action, String department, String type,
        String entityKey, String recordId, long version, String eventId, String channel, List<String> fields,
        String purpose, String legalBasis, String payloadHash) {

    public AuditEvent {
        fields = List.copyOf(fields);
    }

    /** The fan-out wrote a department message (channel {@code topic}) or a webhook endpoint confirmed one. */
    public static AuditEvent delivered(Instant at, String department, String type, String entityKey, long version,
            String eventId, String channel, String purpose, String legalBasis, JsonNode payload, String payloadText) {
        return new AuditEvent(at.toString(), Access.SYNC, AuditAction.DELIVERED.name(), department, type, entityKey,
                Access.recordIdOf(eventId), version, eventId, channel, AuditHashing.fieldsOf(payload), purpose,
                legalBasis, AuditHashing.payloadHash(payloadText));
    }

    /** {@code sha256:<hex>} of the JSON text exactly as it left. */
    public static String payloadHash(String payload) {
        return AuditHashing.payloadHash(payload);
    }

    /** A read (feed item, prefill) handed the caller {@code access.payload()}. */
    public static AuditEvent of(Access access, Instant at, JsonNode payload) {
        return new AuditEvent(at.toString(), access.actor(), access.action().name(), access.department(),
                access.type(), access.entityKey(), access.recordId(), access.version(), access.eventId(),
                access.channel(), AuditHashing.fieldsOf(payload), access.purpose(), access.legalBasis(),
                AuditHashing.payloadHash(access.payload()));
    }
}
