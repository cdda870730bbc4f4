package io.fillonce.intake.record;

import org.mapstruct.Mapper;

/** Maps the stored document to what the API answers and to the event the relay publishes. */
@Mapper(uses = JsonText.class)
interface RecordMapper {

    SubmissionReceipt toReceipt(RecordDocument document);

    RecordView toView(RecordDocument document);

    RecordUpserted toEvent(RecordDocument document);
}
