package io.fillonce.intake.record;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * The data of a {@code fillonce.record.upserted} event: one new version of one entity, exactly as
 * {@code contracts/schemas/record-event.schema.json} describes it; {@code retraction} only on a version that
 * retracts the entity, {@code erasure} only on the last version of an erased one.
 */
public record RecordUpserted(String recordId, String type, int typeVersion, String entityKey, int version,
        String submittedBy, Instant submittedAt, String channel, JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) Retraction retraction,
        @JsonInclude(JsonInclude.Include.NON_NULL) Erasure erasure) {
}
