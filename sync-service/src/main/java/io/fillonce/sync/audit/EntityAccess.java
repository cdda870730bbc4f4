package io.fillonce.sync.audit;

import java.util.List;

/**
 * One entry of an entity's access log: who got or read which version, how, which fields, why and on what basis;
 * {@code outcome} NOT_FOUND or REFUSED when a read handed out nothing (null when it did); {@code keyDisclosed}
 * whether the entity key itself went with it rather than the department's pseudonym (null where not recorded).
 */
record EntityAccess(long seq, String time, String action, String department, String actor, String channel,
        long version, String eventId, List<String> fields, String purpose, String legalBasis, String payloadHash,
        String outcome, Boolean keyDisclosed) {
}
