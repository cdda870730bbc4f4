package io.fillonce.sync.delivery;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One ledger entry: one version of one entity, mapped for one department, on one channel. The id
 * {@code <eventId>|<department>|<channel>} makes every write of it idempotent. {@code payload} is the mapped JSON
 * (only what the subscription entitles the department to), {@code time} the canonical event's time as sent. A re-sync delivery ({@code resyncOf} set: the
 * canonical event id it re-sends with the subscription's current mapping) has an event id of its own,
 * {@code <canonical event id>~<re-sync job id>}, so a receiver that dedupes by event id still applies it.
 */
@Document("deliveries")
public record Delivery(@Id String id, String eventId, String department, String channel, String subscription,
        String purpose, String legalBasis, String type, String entityKey, String subject, long version, String time,
        String payload, String payloadHash, DeliveryStatus status, int attempts, String lastError, Instant createdAt,
        Instant nextAttemptAt, Instant deliveredAt, Long feedSequence, String discardReason,
        String resyncOf) {

    public static String id(String eventId, String department, String channel) {
        return eventId + "|" + department + "|" + channel;
    }

    /** The event id of a re-sync delivery of {@code eventId} by the re-sync job {@code jobId}. */
    public static String resyncEventId(String eventId, String jobId) {
        return eventId + "~" + jobId;
    }
}
