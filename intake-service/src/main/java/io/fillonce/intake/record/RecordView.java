package io.fillonce.intake.record;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/** The current version of one entity's record. */
public record RecordView(String recordId, String type, String entityKey, int version, int typeVersion,
        String submittedBy, Instant submittedAt, JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) Retraction retraction) {
}
