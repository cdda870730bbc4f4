package io.fillonce.intake.record;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * The data of a {@code fillonce.record.upserted} event: one new version of one entity, exactly as
 * {@code contracts/schemas/record-event.schema.json} describes it.
 */
public record RecordUpserted(String recordId, String type, int typeVersion, String entityKey, int version,
        String submittedBy, Instant submittedAt, String channel, JsonNode data) {
}
