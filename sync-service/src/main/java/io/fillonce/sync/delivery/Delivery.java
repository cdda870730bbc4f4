package io.fillonce.sync.delivery;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One ledger entry: one version of one entity, mapped for one department, on one channel. The id
 * {@code <eventId>|<department>|<channel>} makes every write of it idempotent. {@code payload} is the mapped JSON
 * (only what the subscription entitles the department to), {@code time} the canonical event's time as sent.
 */
@Document("deliveries")
public record Delivery(@Id String id, String eventId, String department, String channel, String subscription,
        String purpose, String legalBasis, String type, String entityKey, String subject, long version, String time,
        String payload, String payloadHash, DeliveryStatus status, int attempts, String lastError, Instant createdAt,
        Instant nextAttemptAt, Instant deliveredAt, Long feedSequence, String discardReason) {

    public static String id(String eventId, String department, String channel) {
        return eventId + "|" + department + "|" + channel;
    }
}
