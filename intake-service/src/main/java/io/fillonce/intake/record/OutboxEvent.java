package io.fillonce.intake.record;

import java.time.Instant;

/**
 * An event waiting in a record document's outbox for the relay to publish it.
 *
 * @param eventId {@code <recordId>:<version>}, the same on every (re)publication
 * @param version the entity version the event announces
 * @param time when that version was accepted
 * @param payload the event data, JSON per {@code contracts/schemas/record-event.schema.json}
 */
public record OutboxEvent(String eventId, int version, Instant time, String payload) {
}
