package io.fillonce.intake.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Entity histories: the archived versions ({@code record_versions}, written when a newer version replaces one)
 * plus the current version in the record document, all read by {@code _id}. Events still in the document's outbox
 * fill any gap (versions accepted before archiving existed were kept by the relay instead).
 */
@Service
public class RecordVersions implements EntityTraces {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    private final RecordRepository records;

    private final RecordMapper mapper;

    private final JsonMapper json;

    RecordVersions(MongoTemplate mongo, RecordRepository records, RecordMapper mapper, JsonMapper json) {
        this.mongo = mongo;
        this.records = records;
        this.mapper = mapper;
        this.json = json;
    }

    /** Archives a replaced version; idempotent (the event id is the document id, versions are immutable). */
    void archive(RecordVersionDocument version) {
        try {
            mongo.insert(version);
        }
        catch (DuplicateKeyException archivedAlready) {
            // an earlier attempt of this write archived it
        }
    }

    /** Archives replaced versions with one unordered insert; those archived already are skipped. */
    void archiveAll(List<RecordVersionDocument> versions) {
        if (versions.isEmpty()) {
            return;
        }
        List<Document> documents = versions.stream().map(version -> {
            Document document = new Document();
            mongo.getConverter().write(version, document);
            return document;
        }).toList();
        mongo.execute(RecordVersionDocument.COLLECTION, collection -> {
            try {
                collection.insertMany(documents, new InsertManyOptions().ordered(false));
            }
            catch (MongoBulkWriteException e) {
                if (!e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                    throw e;
                }
            }
            return null;
        });
    }

    /**
     * Deletes an erased entity's history: its archived versions, read by {@code _id} like a history (every one is
     * below the erased version, which is never archived).
     */
    @Override
    public void erase(SubmissionReceipt erased) {
        List<String> ids = IntStream.rangeClosed(1, erased.version())
                .mapToObj(version -> RecordVersionDocument.idOf(erased.recordId(), version)).toList();
        mongo.remove(Query.query(Criteria.where("_id").in(ids)), RecordVersionDocument.class);
    }

    /** Every version of the entity, oldest first; an entity being erased has none any more (not found). */
    public RecordHistory history(String type, String entityKey) {
        RecordDocument current = records.findById(RecordDocument.idOf(type, entityKey))
                .filter(document -> document.getErasure() == null)
                .orElseThrow(() -> new RecordNotFound(type, entityKey));
        Map<Integer, RecordVersionDocument> versions = new TreeMap<>();
        List<String> archived = IntStream.range(1, current.getVersion())
                .mapToObj(version -> RecordVersionDocument.idOf(current.getRecordId(), version)).toList();
        if (!archived.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(archived)), RecordVersionDocument.class)
                    .forEach(version -> versions.put(version.version(), version));
        }
        current.pendingEvents().stream().filter(event -> event.payload() != null)
                .forEach(event -> versions.putIfAbsent(event.version(),
                        mapper.toVersion(json.readValue(event.payload(), RecordUpserted.class), event.eventId())));
        versions.put(current.getVersion(), mapper.toArchived(current));
        return new RecordHistory(current.getRecordId(), type, entityKey, entries(versions.values()));
    }

    private List<HistoryEntry> entries(Iterable<RecordVersionDocument> versions) {
        List<HistoryEntry> entries = new ArrayList<>();
        JsonNode previous = json.createObjectNode();
        for (RecordVersionDocument version : versions) {
            JsonNode data = json.readTree(version.data());
            entries.add(mapper.toEntry(version, FieldChanges.between(previous, data)));
            previous = data;
        }
        return entries;
    }
}
