package io.fillonce.intake.relay;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code relay_claims} collection. Every query is by {@code _id} except {@link #all()} and {@link #takeOver},
 * which read a collection that holds only pending work.
 */
@Component
class Claims {

    private final MongoTemplate mongo;

    Claims(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void insert(String id, String owner, Collection<String> subjects, int versions, Instant now) {
        mongo.insert(new ClaimDocument(id, owner, List.copyOf(subjects), versions, now));
    }

    void extend(String id, Collection<String> subjects, int versions) {
        Update more = new Update().addToSet("subjects").each(subjects.toArray()).inc("versions", versions);
        mongo.updateFirst(byId(id), more, ClaimDocument.class);
    }

    /** The claims among these ids that still exist. */
    Set<String> existing(Collection<String> ids) {
        Query query = Query.query(Criteria.where("_id").in(ids));
        query.fields().include("_id");
        return mongo.find(query, Document.class, ClaimDocument.COLLECTION).stream()
                .map(claim -> claim.getString("_id")).collect(Collectors.toSet());
    }

    /** One claim with its subjects, or {@code null} when it is gone. */
    ClaimDocument find(String id) {
        return mongo.findById(id, ClaimDocument.class);
    }

    /** Every pending claim, without its subjects. */
    List<ClaimDocument> all() {
        Query query = new Query();
        query.fields().exclude("subjects");
        return mongo.find(query, ClaimDocument.class);
    }

    /** Makes {@code owner} the claim's owner if {@code from} still owns it; whether it did. */
    boolean takeOver(String id, String from, String owner) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("owner").is(from)),
                new Update().set("owner", owner), FindAndModifyOptions.none(), ClaimDocument.class) != null;
    }

    void delete(Collection<String> ids) {
        mongo.remove(Query.query(Criteria.where("_id").in(ids)), ClaimDocument.class);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
