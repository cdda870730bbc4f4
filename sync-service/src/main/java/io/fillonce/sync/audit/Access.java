package io.fillonce.sync.audit;

/**
 * One access to an entity's data that the audit log records: who ({@code actor}, a principal), what, for which
 * department, which version of which entity, by which event and channel, under which purpose and legal basis, and
 * the JSON that was sent or read ({@code payload}: only its SHA-256 and its field names are kept), and whether the
 * entity key itself went with it ({@code keyDisclosed}; null where the caller named the key, as a prefill does).
 */
public record Access(String actor, AuditAction action, String department, String type, String entityKey,
        String recordId, long version, String eventId, String channel, String purpose, String legalBasis,
        String payload, Boolean keyDisclosed) {

    /** The actor of what sync-service does by itself (deliveries). */
    public static final String SYNC = "sync-service";

    /**
     * A prefill handed a department one version of an entity: {@code actor} is the calling principal, {@code payload}
     * the JSON the department got (only its hash and field names are kept).
     */
    public static Access prefillRead(String actor, String department, String type, String entityKey, String eventId,
            long version, String purpose, String legalBasis, String payload) {
        return new Access(actor, AuditAction.PREFILL_READ, department, type, entityKey, recordIdOf(eventId), version,
                eventId, "prefill", purpose, legalBasis, payload, null);
    }

    /** The record id in an event id {@code <recordId>:<version>}; the whole id when it has no version suffix. */
    public static String recordIdOf(String eventId) {
        int colon = eventId == null ? -1 : eventId.lastIndexOf(':');
        return colon > 0 ? eventId.substring(0, colon) : eventId;
    }
}
