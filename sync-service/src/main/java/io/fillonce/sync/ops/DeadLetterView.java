package io.fillonce.sync.ops;

import java.time.Instant;

/**
 * A dead letter as operators see it: why it died, after how many attempts, what became of it, and a hash of what
 * would have left (never the payload).
 */
record DeadLetterView(String id, String eventId, String department, String channel, String subscription,
        String type, String entityKey, long version, String status, String reason, int attempts, String payloadHash,
        Instant createdAt, Instant resolvedAt, String discardReason) {
}
