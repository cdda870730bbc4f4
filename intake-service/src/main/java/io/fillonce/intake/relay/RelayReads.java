package io.fillonce.intake.relay;

import java.util.ArrayList;
import java.util.List;

import io.fillonce.intake.record.RecordDocument;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The record documents of a claim's subjects, read by {@code _id $in}, a few hundred at a time. */
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
}
