package io.fillonce.intake.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.fillonce.telemetry.Traces;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Makes a submitted record an entity's next version, in memory, the same way for single submissions and bulk
 * chunks: the version it replaces becomes an archived history entry, the new one gets its event in the outbox,
 * tagged with the claim the write goes under (its payload is not stored: the document holds it; the replaced
 * version's payload is, if its event is still pending).
 */
@Component
class NextVersion {

    private final RecordMapper mapper;

    private final JsonMapper json;

    private final RecordEvents events;

    NextVersion(RecordMapper mapper, JsonMapper json, RecordEvents events) {
        this.mapper = mapper;
        this.json = json;
        this.events = events;
    }

    /** Whether {@code data} equals the entity's current version (then no new version is made). */
    boolean unchanged(RecordDocument document, JsonNode data) {
        return document.exists() && current(document).equals(data);
    }

    /** The entity's current data as a tree; {@code null} for an entity without a version yet. */
    JsonNode current(RecordDocument document) {
        return document.exists() ? json.readTree(document.getData()) : null;
    }

    /** The receipt of the document's current version. */
    SubmissionReceipt receipt(RecordDocument document) {
        return mapper.toReceipt(document);
    }

    /**
     * Accepts {@code data} as the document's next version.
     *
     * @return the version it replaces, to be archived before the document is written; {@code null} for a new entity
     */
    RecordVersionDocument accept(RecordDocument document, JsonNode data, Submitter submitter, String claim) {
        return accept(document, data, submitter, claim, null);
    }

    /**
     * Accepts {@code data} as the document's next version that retracts the entity ({@code retraction}), or, when
     * {@code retraction} is null, an ordinary one (which reinstates a retracted entity).
     */
    RecordVersionDocument accept(RecordDocument document, JsonNode data, Submitter submitter, String claim,
            Retraction retraction) {
        RecordVersionDocument replaced = document.exists() ? mapper.toArchived(document) : null;
        if (document.currentPayloadUnstored()) {
            document.keepCurrentPayload(events.payload(document));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        document.acceptVersion(submitter.typeVersion(), json.writeValueAsString(data), submitter.principal(), now,
                submitter.channel());
        document.setRetraction(retraction);
        document.enqueue(new OutboxEvent(document.eventId(), document.getVersion(), now, null, claim,
                submitter.traceparent()));
        return replaced;
    }

    /**
     * Makes the document's next version its last one, which erases the entity: no data, channel {@code erase}, the
     * erasure on it and on its event, no retraction. The version it replaces is not archived (it holds data); its
     * event, if still pending, keeps its payload in the outbox, so it still goes out first.
     *
     * @param traceparent the trace the erasure came with ({@link Traces}), or {@code null}
     */
    void erase(RecordDocument document, Erasure erasure, String claim, String traceparent) {
        if (document.currentPayloadUnstored()) {
            document.keepCurrentPayload(events.payload(document));
        }
        document.acceptVersion(document.getTypeVersion(), "{}", erasure.by(), erasure.at(), Submissions.ERASE_CHANNEL);
        document.setRetraction(null);
        document.setErasure(erasure);
        document.enqueue(new OutboxEvent(document.eventId(), document.getVersion(), erasure.at(), null, claim,
                traceparent));
    }

    /**
     * Who submits, under which schema version, through which channel, in which trace.
     *
     * @param channel {@code api}, {@code patch}, {@code batch}, {@code retract} or {@code reinstate}
     * @param traceparent the W3C {@code traceparent} the version's event carries ({@link Traces}), or
     *        {@code null}
     */
    record Submitter(String principal, int typeVersion, String channel, String traceparent) {
    }
}
