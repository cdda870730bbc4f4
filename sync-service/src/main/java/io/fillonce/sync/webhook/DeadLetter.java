package io.fillonce.sync.webhook;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A webhook delivery the department's endpoint did not take after the retries (or refused for good), kept with the
 * message so it can be replayed. Its id {@code <eventId>|<department>|webhook} makes every write of it idempotent.
 * While it is DEAD or REPLAYING its entity is parked for the department (see {@link ParkedEntity}).
 */
@Document("dead_letters")
public record DeadLetter(@Id String id, String department, String channel, String type, String entityKey,
        WebhookMessage message, Status status, String reason, int attempts, String payloadHash, Instant createdAt,
        Instant resolvedAt, String discardReason) {

    public enum Status {
        /** Given up after the retries: parks its entity until an operator replays or discards it. */
        DEAD,
        /** An operator asked for a replay; the department's worker tries it again. */
        REPLAYING,
        /** Delivered on replay. */
        REPLAYED,
        /** An operator gave up on it, with the reason; the entity flows on. */
        DISCARDED
    }

    public static String id(String eventId, String department) {
        return eventId + "|" + department + "|webhook";
    }

    public String eventId() {
        return message.eventId();
    }

    public long version() {
        return message.version();
    }

    public String subscription() {
        return message.subscription();
    }

    /** Still holding its entity back. */
    public boolean open() {
        return status == Status.DEAD || status == Status.REPLAYING;
    }
}
