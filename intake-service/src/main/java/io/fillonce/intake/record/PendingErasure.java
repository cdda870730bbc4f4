package io.fillonce.intake.record;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An erasure not finished yet: the record document ({@code <type>/<entityKey>}) that {@link ErasureSweep} deletes
 * once its events are published. Stored before the erased version is written and deleted with the document, so the
 * sweep reads only this small collection of pending work, never the records.
 */
@Document(PendingErasure.COLLECTION)
record PendingErasure(@Id String record, Instant since) {

    static final String COLLECTION = "pending_erasures";
}
