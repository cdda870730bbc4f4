package io.fillonce.intake.record;

import java.time.Instant;

/**
 * An event in a record document's outbox: written together with the version it announces, published by the relay,
 * and trimmed from the document by the entity's next write once it is known to be published.
 *
 * @param eventId {@code <recordId>:<version>}, the same on every (re)publication
 * @param version the entity version the event announces
 * @param time when that version was accepted
 * @param payload the event data, JSON per {@code contracts/schemas/record-event.schema.json}; not stored for the
 *        event of the document's current version (the document holds all of it: {@link RecordEvents} builds it),
 *        stored once a newer version replaces that one while its event may still be unpublished
 * @param claim the relay claim written before this event (see {@link Outbox}): while that claim exists the event may
 *        be unpublished; once it is gone the event was published. {@code null} on events stored before claims
 *        existed, which count as unpublished.
 * @param traceparent the W3C {@code traceparent} of the span that accepted the version (for a bulk upload's line, the
 *        upload request's), published as the CloudEvents extension {@code traceparent}; {@code null} without a trace
 *        and on events stored before it was kept
 */
public record OutboxEvent(String eventId, int version, Instant time, String payload, String claim,
        String traceparent) {

    OutboxEvent withPayload(String payload) {
        return new OutboxEvent(eventId, version, time, payload, claim, traceparent);
    }

    OutboxEvent withClaim(String claim) {
        return new OutboxEvent(eventId, version, time, payload, claim, traceparent);
    }
}
