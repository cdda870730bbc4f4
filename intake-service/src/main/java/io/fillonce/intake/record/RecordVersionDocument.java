package io.fillonce.intake.record;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One immutable version of one entity, kept for its history. Written by the relay from the outbox event (which
 * carries the full version) before it publishes it, with the event id as {@code _id}: writing it twice is harmless
 * and a submission stays one single-document write.
 */
@Document(RecordVersionDocument.COLLECTION)
@CompoundIndex(name = "entity_versions", def = "{'type': 1, 'entityKey': 1, 'version': 1}")
record RecordVersionDocument(@Id String id, String recordId, String type, String entityKey, int version,
        int typeVersion, String submittedBy, Instant submittedAt, String channel, String data) {

    static final String COLLECTION = "record_versions";
}
