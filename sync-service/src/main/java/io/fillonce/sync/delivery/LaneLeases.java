package io.fillonce.sync.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Makes sure that across sync instances only one lane works a department's channel at a time (per-entity order
 * and feed positions depend on it): a lease document per lane, taken or renewed with one conditional upsert. An
 * instance that dies leaves its leases to expire; another instance then takes them over.
 */
final class LaneLeases {

    private static final String COLLECTION = "lane-leases";

    private final MongoTemplate mongo;
    private final Duration ttl;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();

    LaneLeases(MongoTemplate mongo, Duration ttl, Clock clock) {
        this.mongo = mongo;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Takes or renews the lane's lease; false when another instance holds it. */
    boolean hold(String lane) {
        Criteria free = new Criteria().orOperator(where("owner").is(owner), where("until").lt(clock.instant()));
        try {
            mongo.findAndModify(query(where("_id").is(lane).andOperator(free)),
                    new Update().set("owner", owner).set("until", clock.instant().plus(ttl)),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
            return true;
        }
        catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Gives the lease up at shutdown so another instance need not wait for it to expire. */
    void release(List<String> lanes) {
        mongo.remove(query(where("_id").in(lanes).and("owner").is(owner)), COLLECTION);
    }
}
