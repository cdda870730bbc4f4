package io.fillonce.intake.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.fillonce.intake.IntakeProperties;
import org.bson.Document;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Only one intake instance relays at a time: it holds the lease, one MongoDB document {@code {_id: "outbox-relay",
 * owner, expiresAt}} taken or renewed with one atomic findAndModify that matches only when the lease is expired or
 * already this instance's, or created by an insert (unique {@code _id}) when there is none. An instance that dies
 * loses the lease when it expires.
 */
@Component
class RelayLease {

    static final String COLLECTION = "relay_lease";

    static final String ID = "outbox-relay";

    private final MongoTemplate mongo;

    private final Duration ttl;

    private final Clock clock;

    private final String owner;

    @Autowired
    RelayLease(MongoTemplate mongo, IntakeProperties properties) {
        this(mongo, properties.relay().leaseTtl(), Clock.systemUTC(), "intake-" + UUID.randomUUID());
    }

    RelayLease(MongoTemplate mongo, Duration ttl, Clock clock, String owner) {
        this.mongo = mongo;
        this.ttl = ttl;
        this.clock = clock;
        this.owner = owner;
    }

    /** Takes or renews the lease; {@code true} when this instance holds it for another {@code ttl}. */
    boolean acquire() {
        Instant now = clock.instant();
        Query free = Query.query(Criteria.where("_id").is(ID).orOperator(Criteria.where("owner").is(owner),
                Criteria.where("expiresAt").lte(now)));
        Update take = new Update().set("owner", owner).set("expiresAt", now.plus(ttl));
        if (mongo.findAndModify(free, take, Document.class, COLLECTION) != null) {
            return true;
        }
        if (mongo.exists(Query.query(Criteria.where("_id").is(ID)), COLLECTION)) {
            return false; // held by another instance and not expired
        }
        try {
            mongo.insert(new Document("_id", ID).append("owner", owner).append("expiresAt", now.plus(ttl)), COLLECTION);
            return true;
        }
        catch (DuplicateKeyException raced) {
            return false; // another instance created the lease first
        }
    }

    /** Gives the lease up at once (on shutdown), so another instance need not wait for it to expire. */
    void release() {
        mongo.remove(Query.query(Criteria.where("_id").is(ID).and("owner").is(owner)), COLLECTION);
    }

    String owner() {
        return owner;
    }
}
