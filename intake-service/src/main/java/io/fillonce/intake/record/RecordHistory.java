package io.fillonce.intake.record;

import java.util.List;

/** Every version of one entity, oldest first. */
public record RecordHistory(String recordId, String type, String entityKey, List<HistoryEntry> versions) {
}
