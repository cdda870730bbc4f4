package io.fillonce.sync.receipt;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Who submitted versions of each entity, as the canonical events say ({@code submittedBy}): one document per
 * entity ({@code _id} = {@code <type>/<entityKey>}) with the set of principals, read by id only. A cadre sees the
 * receipts of the entities it submitted a version of.
 */
@Repository
public class Submitters {

    private static final String COLLECTION = "entity-submitters";

    private final MongoTemplate mongo;

    Submitters(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Adds the principal to the entity's submitters (idempotent: a re-consumed event changes nothing). */
    public void record(String type, String entityKey, String principal) {
        mongo.upsert(query(where("_id").is(subject(type, entityKey))), new Update().addToSet("submitters", principal),
                COLLECTION);
    }

    boolean submitted(String type, String entityKey, String principal) {
        Document entity = mongo.findById(subject(type, entityKey), Document.class, COLLECTION);
        return entity != null && entity.getList("submitters", String.class, java.util.List.of()).contains(principal);
    }

    boolean known(String type, String entityKey) {
        return mongo.findById(subject(type, entityKey), Document.class, COLLECTION) != null;
    }

    private static String subject(String type, String entityKey) {
        return type + "/" + entityKey;
    }
}
