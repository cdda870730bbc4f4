package io.fillonce.intake.record;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One immutable version of one entity that a newer version replaced, kept for its history (the current version
 * lives in the record document). Its {@code _id} is the version's event id {@code <recordId>:<version>}, so a
 * history is read by {@code _id} and archiving a version twice is harmless. A brand-new entity costs no write here.
 */
@Document(RecordVersionDocument.COLLECTION)
record RecordVersionDocument(@Id String id, String recordId, String type, String entityKey, int version,
        int typeVersion, String submittedBy, Instant submittedAt, String channel, String data, Retraction retraction) {

    static final String COLLECTION = "record_versions";

    static String idOf(String recordId, int version) {
        return recordId + ":" + version;
    }
}
