package io.fillonce.sync.audit;

import java.time.Instant;
import java.util.List;

/**
 * What a resident may ask for: who received or read the data of one entity, when, which fields, for what purpose
 * and on what legal basis, from the audit log. {@code recipients}: per department, what it got (every field it ever
 * received, every purpose and legal basis it got them under, how often, first and last); {@code accesses}: every
 * access that handed something out, oldest first (refused and not-found reads handed out nothing and are left
 * out). {@code complete} is false when the log held more than the report lists ({@code accesses} then ends early).
 */
record AccessReport(String recordType, String entityKey, Instant generatedAt, String generatedBy,
        List<Recipient> recipients, List<Access> accesses, boolean complete) {

    /** One department's share of the entity's data over time. */
    record Recipient(String department, List<String> fields, List<String> purposes, List<String> legalBases,
            int deliveries, int reads, String first, String last) {
    }

    /**
     * One access: a delivery to a department (by topic or webhook), its read of the feed or a prefill, or a read of
     * the record by a platform user ({@code actor}; then {@code department} is absent).
     */
    record Access(String time, String action, String department, String actor, String channel, long version,
            List<String> fields, String purpose, String legalBasis) {
    }
}
