package io.fillonce.sync.webhook;

import java.util.regex.Pattern;

import io.fillonce.sync.audit.EntityErased;

import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * What the webhook feature keeps of an erased entity goes, for every department, whether or not it got the erased
 * notice (an ended subscription, a department told the entity left its filter, a channel dropped since): its dead
 * letters (they hold its data), its parking and its receipts. An erasure is rare: these deletes may scan.
 */
@Component
class ErasedEntities {

    private final MongoTemplate mongo;

    ErasedEntities(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener
    void erased(EntityErased erased) {
        String subject = erased.subject();
        mongo.remove(query(where("message.subject").is(subject)), DeadLetter.class);
        mongo.remove(query(where("subject").is(subject)), ParkedEntity.class);
        mongo.remove(query(where("_id").regex("^[^|]*\\|" + Pattern.quote(subject) + "$")),
                WebhookReceipts.Confirmed.class);
    }
}
