package io.fillonce.intake.record;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import tools.jackson.databind.JsonNode;

/**
 * Maps the stored documents to what the API answers, to the event the relay publishes and to the history's
 * archived versions, and archived versions to history entries.
 */
@Mapper(uses = JsonText.class)
interface RecordMapper {

    SubmissionReceipt toReceipt(RecordDocument document);

    RecordView toView(RecordDocument document);

    /** The event of the document's current version, whose data the caller already holds as a tree. */
    @Mapping(target = "data", source = "data")
    RecordUpserted toEvent(RecordDocument document, JsonNode data);

    @Mapping(target = "id", source = "eventId")
    RecordVersionDocument toVersion(RecordUpserted event, String eventId);

    /** The document's current version as the history keeps it once a newer one replaces it. */
    @Mapping(target = "id", expression = "java(document.eventId())")
    RecordVersionDocument toArchived(RecordDocument document);

    HistoryEntry toEntry(RecordVersionDocument version, FieldChanges changes);
}
