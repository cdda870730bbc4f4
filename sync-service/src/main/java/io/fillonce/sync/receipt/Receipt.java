package io.fillonce.sync.receipt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where one version of an entity stands for one department and channel. DELIVERED: on the department's topic
 * (channels topic and feed: it can read it there) or confirmed by its webhook endpoint, with when. PENDING: the
 * webhook has not confirmed it yet (or it waits behind a dead letter, {@code reason} says which). DEAD: the
 * webhook gave up after the retries; an operator replays (REPLAYING) or discards it (DISCARDED, with the reason).
 * SKIPPED: never sent, with why. WITHDRAWN: the version left the subscription's filter, and the department was sent a
 * withdrawn notice instead. RETRACTED: the version retracted the entity, and the department was sent a retracted
 * notice. No payload, no data. {@code traceId}: the trace the version was submitted in, where sync knows it (the
 * entity's latest version, submitted with a trace).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(String department, String channel, String eventId, long version, String status,
        Instant deliveredAt, int attempts, String reason, String traceId) {

    static Receipt of(String department, String channel, String eventId, long version, String status,
            Instant deliveredAt, int attempts, String reason) {
        return new Receipt(department, channel, eventId, version, status, deliveredAt, attempts, reason, null);
    }

    Receipt traced(String trace) {
        return new Receipt(department, channel, eventId, version, status, deliveredAt, attempts, reason, trace);
    }
}
