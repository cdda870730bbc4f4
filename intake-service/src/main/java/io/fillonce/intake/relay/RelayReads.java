package io.fillonce.intake.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The record documents of a claim's subjects, read by {@code _id $in}, a few hundred at a time, and which of their
 * events recovery publishes.
 */
@Component
class RelayReads {

    static final int BATCH = 500;

    private final MongoTemplate mongo;

    RelayReads(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    List<RecordDocument> documents(List<String> subjects) {
        List<RecordDocument> documents = new ArrayList<>(subjects.size());
        for (int from = 0; from < subjects.size(); from += BATCH) {
            List<String> batch = subjects.subList(from, Math.min(from + BATCH, subjects.size()));
            documents.addAll(mongo.find(Query.query(Criteria.where("_id").in(batch)), RecordDocument.class));
        }
        return documents;
    }

    /** The events up to this claim's last that may be unpublished: untagged ones, or those of pending claims. */
    static List<OutboxEvent> unpublished(RecordDocument document, String claimId, Set<String> pending) {
        int last = document.getOutbox().stream().filter(event -> claimId.equals(event.claim()))
                .mapToInt(OutboxEvent::version).max().orElse(0);
        return document.pendingEvents().stream().filter(event -> event.version() <= last)
                .filter(event -> event.claim() == null || event.claim().equals(claimId)
                        || pending.contains(event.claim()))
                .toList();
    }
}
