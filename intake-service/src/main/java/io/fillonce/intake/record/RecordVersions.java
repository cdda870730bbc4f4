package io.fillonce.intake.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Entity histories. The versions already relayed are in {@code record_versions} (the relay keeps each one before
 * publishing it); the versions still in the entity's outbox are read from there, so a history is complete the
 * moment a submission is answered.
 */
@Service
public class RecordVersions {

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

    /** Keeps the version an outbox event announces; idempotent (the event id is the document id). */
    public void keep(OutboxEvent event) {
        if (mongo.exists(Query.query(Criteria.where("_id").is(event.eventId())), RecordVersionDocument.class)) {
            return; // kept in an earlier round whose publication failed
        }
        RecordUpserted version = json.readValue(event.payload(), RecordUpserted.class);
        try {
            mongo.insert(mapper.toVersion(version, event.eventId()));
        }
        catch (DuplicateKeyException alreadyKept) {
            // versions are immutable: the one kept earlier is the same
        }
    }

    /**
     * Keeps the versions these outbox events announce, with one insert for all of them; when some were kept
     * already (an earlier round's publication failed), each is kept on its own instead.
     */
    public void keepAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<RecordVersionDocument> documents = events.stream()
                .map(event -> mapper.toVersion(json.readValue(event.payload(), RecordUpserted.class), event.eventId()))
                .toList();
        try {
            mongo.insert(documents, RecordVersionDocument.class);
        }
        catch (DataAccessException someKeptAlready) {
            events.forEach(this::keep);
        }
    }

    public RecordHistory history(String type, String entityKey) {
        Optional<RecordDocument> current = records.findById(RecordDocument.idOf(type, entityKey));
        Map<Integer, RecordVersionDocument> versions = new TreeMap<>();
        mongo.find(Query.query(Criteria.where("type").is(type).and("entityKey").is(entityKey))
                .with(Sort.by("version")), RecordVersionDocument.class)
                .forEach(version -> versions.put(version.version(), version));
        current.ifPresent(document -> document.pendingEvents().forEach(event -> versions.putIfAbsent(event.version(),
                mapper.toVersion(json.readValue(event.payload(), RecordUpserted.class), event.eventId()))));
        if (versions.isEmpty()) {
            throw new RecordNotFound(type, entityKey);
        }
        RecordVersionDocument first = versions.values().iterator().next();
        return new RecordHistory(first.recordId(), type, entityKey, entries(versions.values()));
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
