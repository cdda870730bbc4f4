package io.fillonce.sync.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The latest version each department's endpoint confirmed per entity ({@code <department>|<subject>}), written in
 * one bulk write per batch a worker delivered: what cadre and ops receipts show for the webhook channel.
 */
@Repository
public class WebhookReceipts {

    private final MongoTemplate mongo;

    WebhookReceipts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A confirmed delivery. */
    @Document("webhook_receipts")
    public record Confirmed(@Id String id, String eventId, long version, Instant at, int attempts) {

        static String id(String department, String subject) {
            return department + "|" + subject;
        }
    }

    /** The entity was erased: its receipt for the department goes. */
    void forget(String department, String subject) {
        mongo.remove(query(where("_id").is(Confirmed.id(department, subject))), Confirmed.class);
    }

    void confirmed(List<Confirmed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Confirmed.class);
        for (Confirmed confirmed : batch) {
            bulk.upsert(query(where("_id").is(confirmed.id())), new Update().set("eventId", confirmed.eventId())
                    .set("version", confirmed.version()).set("at", confirmed.at()).set("attempts", confirmed.attempts()));
        }
        bulk.execute();
    }

    public Optional<Confirmed> last(String department, String subject) {
        return Optional.ofNullable(mongo.findById(Confirmed.id(department, subject), Confirmed.class));
    }
}
