package io.fillonce.sync.state;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The current state of every entity sync has seen on fillonce.records: one document per entity, {@code _id}
 * {@code <type>/<entityKey>}, so a lookup is a key lookup and a type's entities are one {@code _id} range. A
 * version replaces the document only when it is newer (a conditional upsert: an older or repeated version matches
 * nothing, and its insert then fails on the existing {@code _id}), so redelivered or reordered events never move
 * an entity back. The data is kept as JSON text: record field names need not be valid BSON field names.
 */
@Repository
public class CurrentStates {

    static final String COLLECTION = "entity-states";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    public CurrentStates(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    /**
     * Keeps {@code state} unless a version at least as new is kept already; true when it was kept. A known entity
     * whose kept version is as new is answered from a key lookup, an unknown one is inserted; only replacing an
     * older version needs the conditional update (which the MongoDB wire server of the tests runs as a scan: it
     * uses the {@code _id} index only for queries on {@code _id} alone).
     */
    public boolean keep(EntityState state) {
        Document kept = mongo.findById(state.subject(), Document.class, COLLECTION);
        if (kept != null && ((Number) kept.get("version")).longValue() >= state.version()) {
            return false;
        }
        Document document = document(state);
        try {
            if (kept == null) {
                mongo.insert(document, COLLECTION);
                return true;
            }
            Update update = new Update();
            document.forEach((name, value) -> {
                if (!"_id".equals(name)) {
                    update.set(name, value);
                }
            });
            mongo.upsert(query(where("_id").is(state.subject()).and("version").lt(state.version())), update,
                    COLLECTION);
            return true;
        }
        catch (DuplicateKeyException e) {
            return keep(state);
        }
    }

    public Optional<EntityState> find(String type, String entityKey) {
        return Optional.ofNullable(mongo.findById(EntityState.subject(type, entityKey), Document.class, COLLECTION))
                .map(this::state);
    }

    /** Up to {@code limit} entities of the type whose key sorts after {@code afterKey} (null: from the first), by key. */
    public List<EntityState> page(String type, String afterKey, int limit) {
        String from = afterKey == null ? type + "/" : EntityState.subject(type, afterKey);
        Query page = query(where("_id").gt(from).lt(type + "0")).with(Sort.by("_id")).limit(limit);
        return mongo.find(page, Document.class, COLLECTION).stream().map(this::state).toList();
    }

    /** How many entities of the type are known. */
    public long count(String type) {
        return mongo.count(query(where("_id").gt(type + "/").lt(type + "0")), COLLECTION);
    }

    private Document document(EntityState state) {
        return new Document("_id", state.subject()).append("type", state.type())
                .append("entityKey", state.entityKey()).append("recordId", state.recordId())
                .append("version", state.version()).append("eventId", state.eventId()).append("time", state.time())
                .append("data", json.writeValueAsString(state.data())).append("updatedAt", clock.instant());
    }

    private EntityState state(Document document) {
        return new EntityState(document.getString("type"), document.getString("entityKey"),
                document.getString("recordId"), ((Number) document.get("version")).longValue(),
                document.getString("eventId"), document.getString("time"), json.readTree(document.getString("data")));
    }
}
