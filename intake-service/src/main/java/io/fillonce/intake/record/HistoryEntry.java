package io.fillonce.intake.record;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/** One version in an entity's history: who, when, through which channel, what changed, and the data itself. */
public record HistoryEntry(int version, int typeVersion, String submittedBy, Instant submittedAt, String channel,
        FieldChanges changes, JsonNode data, @JsonInclude(JsonInclude.Include.NON_NULL) Retraction retraction) {
}
