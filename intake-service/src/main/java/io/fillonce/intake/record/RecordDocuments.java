package io.fillonce.intake.record;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Record documents read and written many at a time, with only the queries the embedded MongoDB answers from an
 * index: {@code _id $in} reads, unordered inserts (a unique {@code _id} refuses a second creator), and unordered
 * compare-and-set replacements by {@code {_id, revision}} (the unique index of {@link RecordDocument}). A write
 * another writer overtook is reported, never retried here.
 */
@Component
class RecordDocuments {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    RecordDocuments(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The stored documents among these ids, by id. */
    Map<String, RecordDocument> load(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), RecordDocument.class).stream()
                .collect(Collectors.toMap(RecordDocument::getId, Function.identity()));
    }

    /** Inserts documents of new entities (revision 0); the ids of those another writer created first. */
    Set<String> insert(List<RecordDocument> documents) {
        if (documents.isEmpty()) {
            return Set.of();
        }
        documents.forEach(document -> document.stampRevision(0));
        List<Document> bson = documents.stream().map(this::bson).toList();
        return mongo.execute(RecordDocument.COLLECTION, collection -> {
            try {
                collection.insertMany(bson, new InsertManyOptions().ordered(false));
                return Set.of();
            }
            catch (MongoBulkWriteException e) {
                Set<String> overtaken = new HashSet<>();
                e.getWriteErrors().forEach(error -> {
                    if (error.getCode() != DUPLICATE_KEY) {
                        throw e;
                    }
                    overtaken.add(documents.get(error.getIndex()).getId());
                });
                return overtaken;
            }
        });
    }

    /**
     * Replaces each document where it still has the revision it was read with, bumping it; the ids of those
     * another writer changed in between (each then holds no event of this {@code claim} at the written version).
     */
    Set<String> replace(List<RecordDocument> documents, String claim) {
        if (documents.isEmpty()) {
            return Set.of();
        }
        List<ReplaceOneModel<Document>> replacements = documents.stream().map(document -> {
            long read = document.getRevision();
            document.stampRevision(read + 1);
            return new ReplaceOneModel<>(new Document("_id", document.getId()).append("revision", read),
                    bson(document));
        }).toList();
        BulkWriteResult result = mongo.execute(RecordDocument.COLLECTION,
                collection -> collection.bulkWrite(replacements, new BulkWriteOptions().ordered(false)));
        if (result.getMatchedCount() == documents.size()) {
            return Set.of();
        }
        Map<String, RecordDocument> stored = load(documents.stream().map(RecordDocument::getId).toList());
        return documents.stream().filter(document -> !written(stored.get(document.getId()), document, claim))
                .map(RecordDocument::getId).collect(Collectors.toSet());
    }

    private static boolean written(RecordDocument stored, RecordDocument mine, String claim) {
        return stored != null && stored.getRevision().equals(mine.getRevision())
                && stored.holds(mine.getVersion(), claim);
    }

    private Document bson(RecordDocument document) {
        Document bson = new Document();
        mongo.getConverter().write(document, bson);
        return bson;
    }
}
