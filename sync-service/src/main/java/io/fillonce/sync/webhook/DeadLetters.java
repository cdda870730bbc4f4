package io.fillonce.sync.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.fillonce.web.Page;
import io.fillonce.web.Paging;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Dead letters and parked entities in MongoDB, written by the departments' webhook workers and by operators. The
 * collections hold only failures and what waits behind them; the worker reads its own parked entities by id.
 */
@Repository
public class DeadLetters {

    private final MongoTemplate mongo;
    private final Clock clock = Clock.systemUTC();

    DeadLetters(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<DeadLetter> find(String id) {
        return Optional.ofNullable(mongo.findById(id, DeadLetter.class));
    }

    /**
     * A page of open dead letters (DEAD or being replayed), oldest first, optionally of one department (an operator's
     * view); the cursor is the last letter's creation time (epoch milliseconds) and id.
     */
    public Page<DeadLetter> open(String department, Paging paging) {
        Criteria open = where("status").in(DeadLetter.Status.DEAD, DeadLetter.Status.REPLAYING);
        if (department != null) {
            open = open.and("department").is(department);
        }
        if (!paging.fromStart()) {
            String[] cursor = paging.after().split("~", 2);
            if (cursor.length != 2 || !cursor[0].matches("\\d{1,18}")) {
                throw Paging.badCursor(paging.after());
            }
            Instant created = Instant.ofEpochMilli(Long.parseLong(cursor[0]));
            open = open.orOperator(where("createdAt").gt(created),
                    where("createdAt").is(created).and("_id").gt(cursor[1]));
        }
        List<DeadLetter> found = mongo.find(query(open).with(Sort.by("createdAt", "_id")).limit(paging.fetchLimit()),
                DeadLetter.class);
        return Page.of(found, paging, letter -> letter.createdAt().toEpochMilli() + "~" + letter.id());
    }

    /** How many dead letters of a flow are open, and when the newest of them was made. */
    public record OpenLetters(long count, Instant newest) {

        OpenLetters and(OpenLetters other) {
            return new OpenLetters(count + other.count, newest.isAfter(other.newest) ? newest : other.newest);
        }
    }

    /** Open dead letters per {@code <type>|<department>|<channel>} (for the flows view: only those fields read). */
    public Map<String, OpenLetters> openPerFlow() {
        Query open = query(where("status").in(DeadLetter.Status.DEAD, DeadLetter.Status.REPLAYING));
        open.fields().include("type", "department", "channel", "createdAt");
        Map<String, OpenLetters> perFlow = new HashMap<>();
        for (Document letter : mongo.find(open, Document.class, mongo.getCollectionName(DeadLetter.class))) {
            perFlow.merge(letter.getString("type") + "|" + letter.getString("department") + "|"
                    + letter.getString("channel"), new OpenLetters(1, letter.getDate("createdAt").toInstant()),
                    OpenLetters::and);
        }
        return perFlow;
    }

    /** Parked entities per {@code <type>|<department>} (the collection holds only parked ones). */
    public Map<String, Long> parkedPerFlow() {
        Query all = new Query();
        all.fields().include("department", "subject");
        return mongo.find(all, Document.class, mongo.getCollectionName(ParkedEntity.class)).stream()
                .collect(Collectors.groupingBy(entity -> typeOf(entity.getString("subject")) + "|"
                        + entity.getString("department"), Collectors.counting()));
    }

    /** The record type a subject names ({@code <type>/<key or pseudonym>}). */
    private static String typeOf(String subject) {
        int slash = subject.indexOf('/');
        return slash < 0 ? subject : subject.substring(0, slash);
    }

    /** Asks the worker to try the dead letter again; empty when it is not DEAD. */
    public Optional<DeadLetter> replay(String id) {
        return resolve(id, new Update().set("status", DeadLetter.Status.REPLAYING));
    }

    /** Gives up on a dead letter with the operator's reason; empty when it is not DEAD. */
    public Optional<DeadLetter> discard(String id, String reason) {
        return resolve(id, new Update().set("status", DeadLetter.Status.DISCARDED).set("discardReason", reason)
                .set("resolvedAt", clock.instant()));
    }

    private Optional<DeadLetter> resolve(String id, Update update) {
        DeadLetter letter = mongo.findById(id, DeadLetter.class);
        if (letter == null || letter.status() != DeadLetter.Status.DEAD) {
            return Optional.empty();
        }
        mongo.updateFirst(query(where("_id").is(id)), update, DeadLetter.class);
        return find(id);
    }

    // ---- the department's webhook worker

    /** Records the message as a dead letter and parks its entity behind it. */
    void dead(String department, WebhookMessage message, String reason, int attempts, String payloadHash) {
        Instant now = clock.instant();
        String id = DeadLetter.id(message.eventId(), department);
        mongo.save(new DeadLetter(id, department, "webhook", message.type(), message.entityKey(), message,
                DeadLetter.Status.DEAD, reason, attempts, payloadHash, now, null, null));
        String parked = ParkedEntity.id(department, message.subject());
        mongo.upsert(query(where("_id").is(parked)), new Update().set("department", department)
                .set("subject", message.subject()).set("deadLetter", id).setOnInsert("held", List.of())
                .setOnInsert("since", now), ParkedEntity.class);
    }

    /** Keeps a later message of a parked entity until the dead letter before it is resolved. */
    void hold(String department, WebhookMessage message) {
        mongo.updateFirst(query(where("_id").is(ParkedEntity.id(department, message.subject()))),
                new Update().push("held", message), ParkedEntity.class);
    }

    void replayed(String id) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("status", DeadLetter.Status.REPLAYED)
                .set("resolvedAt", clock.instant()), DeadLetter.class);
    }

    /** Takes delivered messages off the front of the parked entity's held list. */
    void released(String department, String subject, int count) {
        ParkedEntity parked = mongo.findById(ParkedEntity.id(department, subject), ParkedEntity.class);
        if (parked != null) {
            mongo.updateFirst(query(where("_id").is(parked.id())), new Update().set("held",
                    parked.held().subList(Math.min(count, parked.held().size()), parked.held().size())),
                    ParkedEntity.class);
        }
    }

    /** The entity was erased: its dead letters for the department (they hold its data) and its parking go. */
    void erased(String department, String subject) {
        mongo.remove(query(where("department").is(department).and("message.subject").is(subject)), DeadLetter.class);
        unpark(department, subject);
    }

    void unpark(String department, String subject) {
        mongo.remove(query(where("_id").is(ParkedEntity.id(department, subject))), ParkedEntity.class);
    }

    /** The department's parked entities (at start-up and rebalance: the collection holds only parked ones). */
    List<ParkedEntity> parked(String department) {
        return mongo.find(query(where("department").is(department)), ParkedEntity.class);
    }

    List<ParkedEntity> parked(String department, Collection<String> subjects) {
        return mongo.find(query(where("_id").in(subjects.stream().map(s -> ParkedEntity.id(department, s)).toList())),
                ParkedEntity.class);
    }

    public Optional<ParkedEntity> parkedEntity(String department, String subject) {
        return Optional.ofNullable(mongo.findById(ParkedEntity.id(department, subject), ParkedEntity.class));
    }
}
