package io.fillonce.intake.record;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** Maps the stored documents to what the API answers and to the event the relay publishes, and events to history. */
@Mapper(uses = JsonText.class)
interface RecordMapper {

    SubmissionReceipt toReceipt(RecordDocument document);

    RecordView toView(RecordDocument document);

    RecordUpserted toEvent(RecordDocument document);

    @Mapping(target = "id", source = "eventId")
    RecordVersionDocument toVersion(RecordUpserted event, String eventId);

    HistoryEntry toEntry(RecordVersionDocument version, FieldChanges changes);
}
