package io.fillonce.sync.audit;

import java.util.List;

import io.fillonce.contracts.trust.AuditDigest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical serialization of an entry (compact JSON of {@link AuditEntry#canonical()}: fixed field order, no
 * whitespace, UTF-8) and the SHA-256 hashes over it and over payloads ({@link AuditDigest}, shared with intake).
 */
final class AuditHashing {

    static final String GENESIS = "0".repeat(64);

    private final JsonMapper json;

    AuditHashing(JsonMapper json) {
        this.json = json;
    }

    String hash(AuditEntry entry) {
        return sha256(json.writeValueAsString(entry.canonical()));
    }

    /** The JSON pointers of the payload's leaves: the field names a department received. */
    static List<String> fieldsOf(JsonNode payload) {
        return AuditDigest.fieldsOf(payload);
    }

    static String payloadHash(String payload) {
        return AuditDigest.payloadHash(payload);
    }

    static String sha256(String text) {
        return AuditDigest.sha256(text);
    }
}
