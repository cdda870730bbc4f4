package io.fillonce.sync.audit;

import io.fillonce.contracts.trust.AuditDigest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical serialization of an entry (compact JSON of {@link AuditEntry#canonical()}: fixed field order, no
 * whitespace, UTF-8) and its SHA-256; payload hashes and field names come from {@link AuditDigest}, shared with intake.
 */
final class AuditHashing {

    static final String GENESIS = "0".repeat(64);

    private final JsonMapper json;

    AuditHashing(JsonMapper json) {
        this.json = json;
    }

    String hash(AuditEntry entry) {
        return AuditDigest.sha256(json.writeValueAsString(entry.canonical()));
    }
}
