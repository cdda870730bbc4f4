package io.fillonce.sync.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the hash chain as stored. {@code hash} is the SHA-256 of {@link #canonical()}, which covers every
 * other field including {@code prevHash}, the hash of the entry before it (64 zeros for the first).
 */
record AuditEntry(long seq, String time, String actor, String action, String department, String type,
        String entityKey, String recordId, long version, String eventId, String channel, List<String> fields,
        String purpose, String legalBasis, String payloadHash, String prevHash, String hash) {

    /** Every field but {@code hash}, in a fixed order: what the hash is taken over. */
    Map<String, Object> canonical() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", seq);
        fields.put("time", time);
        fields.put("actor", actor);
        fields.put("action", action);
        fields.put("department", department);
        fields.put("type", type);
        fields.put("entityKey", entityKey);
        fields.put("recordId", recordId);
        fields.put("version", version);
        fields.put("eventId", eventId);
        fields.put("channel", channel);
        fields.put("fields", this.fields);
        fields.put("purpose", purpose);
        fields.put("legalBasis", legalBasis);
        fields.put("payloadHash", payloadHash);
        fields.put("prevHash", prevHash);
        return fields;
    }
}
