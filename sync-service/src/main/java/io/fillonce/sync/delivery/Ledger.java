package io.fillonce.sync.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The delivery ledger in MongoDB. Every write touches one document and is atomic on its own: entries are
 * created with {@code $setOnInsert} (a re-consumed event changes nothing), and state changes are conditional
 * on the state they leave, so a replayed or discarded dead letter is changed exactly once.
 */
@Repository
public class Ledger {

    private static final List<DeliveryStatus> WAITING = List.of(DeliveryStatus.PENDING, DeliveryStatus.FAILED);
    private static final String SEQUENCES = "feed-sequences";
    private static final String COLLECTION = "deliveries";

    private final MongoTemplate mongo;

    public Ledger(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Records the delivery unless its id is already in the ledger, whatever state it reached there; true when it
     * was new.
     */
    public boolean enqueue(Delivery delivery) {
        Document fields = new Document();
        mongo.getConverter().write(delivery, fields);
        Update update = new Update();
        fields.forEach((name, value) -> {
            if (!"_id".equals(name) && !"_class".equals(name)) {
                update.setOnInsert(name, value);
            }
        });
        return mongo.upsert(query(where("_id").is(delivery.id())), update, Delivery.class).getUpsertedId() != null;
    }

    public Optional<Delivery> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Delivery.class));
    }

    /** The lane's next entries, lowest versions first, leaving out parked entities. */
    List<Delivery> waiting(String department, String channel, Set<String> parked, int limit) {
        Query waiting = query(lane(department, channel).and("status").in(WAITING).and("subject").nin(parked))
                .with(Sort.by("version", "createdAt")).limit(limit);
        return mongo.find(waiting, Delivery.class);
    }

    /** Subjects ({@code <type>/<entityKey>}) with a dead letter in the lane: they wait until it is replayed or discarded. */
    Set<String> parked(String department, String channel) {
        Query dead = query(lane(department, channel).and("status").is(DeliveryStatus.DEAD));
        dead.fields().include("subject");
        return mongo.find(dead, Document.class, COLLECTION).stream().map(d -> d.getString("subject"))
                .collect(Collectors.toSet());
    }

    /** The lanes that have entries waiting, as department and channel pairs. */
    Set<List<String>> busyLanes() {
        Query waiting = query(where("status").in(WAITING));
        waiting.fields().include("department", "channel");
        return mongo.find(waiting, Document.class, COLLECTION).stream()
                .map(d -> List.of(d.getString("department"), d.getString("channel"))).collect(Collectors.toSet());
    }

    /**
     * True when this version of the entity, or a later one, already reached the department on the channel under
     * another event id: sending it would repeat or reorder what the department has. A re-sync delivery repeats its
     * version on purpose; only a later version stops it.
     */
    boolean deliveredAsAnotherEvent(Delivery delivery) {
        Criteria version = delivery.resyncOf() == null ? where("version").gte(delivery.version())
                : where("version").gt(delivery.version());
        return mongo.exists(query(lane(delivery.department(), delivery.channel()).and("subject").is(delivery.subject())
                .and("status").is(DeliveryStatus.DELIVERED).and("_id").ne(delivery.id()).andOperator(version)),
                Delivery.class);
    }

    void failed(String id, int attempts, String error, Instant nextAttemptAt) {
        set(id, WAITING, new Update().set("status", DeliveryStatus.FAILED).set("attempts", attempts)
                .set("lastError", error).set("nextAttemptAt", nextAttemptAt));
    }

    void delivered(String id, int attempts, Instant at, Long feedSequence) {
        set(id, WAITING, new Update().set("status", DeliveryStatus.DELIVERED).set("attempts", attempts)
                .set("deliveredAt", at).set("feedSequence", feedSequence).unset("nextAttemptAt"));
    }

    void dead(String id, int attempts, String reason) {
        set(id, WAITING, new Update().set("status", DeliveryStatus.DEAD).set("attempts", attempts)
                .set("lastError", reason).unset("nextAttemptAt"));
    }

    void skipped(String id, String reason) {
        set(id, WAITING, new Update().set("status", DeliveryStatus.SKIPPED).set("lastError", reason));
    }

    /** Puts a dead letter back in its lane with a fresh retry budget; empty when it is not a dead letter. */
    public Optional<Delivery> replay(String id) {
        return change(id, new Update().set("status", DeliveryStatus.PENDING).set("attempts", 0)
                .unset("nextAttemptAt"));
    }

    /** Gives up on a dead letter with the operator's reason; empty when it is not a dead letter. */
    public Optional<Delivery> discard(String id, String reason) {
        return change(id, new Update().set("status", DeliveryStatus.DISCARDED).set("discardReason", reason));
    }

    public List<Delivery> deadLetters(String department, int limit) {
        Criteria dead = where("status").is(DeliveryStatus.DEAD);
        if (department != null) {
            dead = dead.and("department").is(department);
        }
        return mongo.find(query(dead).with(Sort.by("createdAt")).limit(limit), Delivery.class);
    }

    /** The department's feed entries after the cursor, in feed order. */
    public List<Delivery> feed(String department, long after, int limit) {
        return mongo.find(query(lane(department, "feed").and("status").is(DeliveryStatus.DELIVERED)
                .and("feedSequence").gt(after)).with(Sort.by("feedSequence")).limit(limit), Delivery.class);
    }

    /** Every ledger entry of one entity, by department, channel and version. */
    public List<Delivery> entity(String type, String entityKey) {
        return mongo.find(query(where("type").is(type).and("entityKey").is(entityKey))
                .with(Sort.by("department", "channel", "version")), Delivery.class);
    }

    /** The department's next feed position, taken atomically from its counter document. */
    public long nextFeedSequence(String department) {
        Document counter = mongo.findAndModify(query(where("_id").is(department)), new Update().inc("sequence", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, SEQUENCES);
        return ((Number) counter.get("sequence")).longValue();
    }

    private Optional<Delivery> change(String id, Update update) {
        return Optional.ofNullable(mongo.findAndModify(query(where("_id").is(id).and("status").is(DeliveryStatus.DEAD)),
                update, FindAndModifyOptions.options().returnNew(true), Delivery.class));
    }

    private void set(String id, List<DeliveryStatus> from, Update update) {
        mongo.updateFirst(query(where("_id").is(id).and("status").in(from)), update, Delivery.class);
    }

    private static Criteria lane(String department, String channel) {
        return where("department").is(department).and("channel").is(channel);
    }
}
