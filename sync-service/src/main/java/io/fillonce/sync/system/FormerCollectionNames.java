package io.fillonce.sync.system;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * MongoDB collections are named in snake_case on the whole platform, as intake's and registry's always were (mongosh
 * reads them as {@code db.dead_letters}; a kebab-case name needs {@code db.getCollection("dead-letters")}). Sync's
 * were kebab-case until issue 16. So that a store written under the former names is kept, each former collection is
 * moved to its current name as soon as the MongoDB factory exists, before any template, repository or listener can
 * read or write the current one: its documents are copied in batches (a document whose {@code _id} the current
 * collection already holds keeps the current one), each batch deleted from the former collection once copied, and the
 * emptied former collection is dropped. A start that stops half way (a crash, a start-up probe giving up on a large
 * audit log) goes on from where it stopped at the next start. Sync's indexes are made by the features at every start, so none is copied.
 * A MongoDB that cannot be reached fails the start, as any migration would: sync must not begin writing beside data
 * it has not moved.
 *
 * <p>Nothing may write the former collections while they move: an instance of the previous version still running
 * (a rolling upgrade) would write beside the move, and its writes would be lost or, for the audit chain, fork it.
 * deploy/README.md "Upgrading" says so: sync is stopped (scaled to zero) before the version that moves them starts.
 *
 * <p>Not {@code renameCollection}: real MongoDB runs it, but mongo-java-server's file-backed store (the local stack's)
 * loses the renamed collection's documents at its next start. Copying needs only find, update and drop, which every
 * store runs and each service's {@code readWrite} role allows.
 */
@Component
class FormerCollectionNames implements BeanPostProcessor {

    /** Former name to current name; the current names are defined by their documents and ledgers. */
    static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("dead-letters", "dead_letters"),
            Map.entry("parked-entities", "parked_entities"),
            Map.entry("webhook-receipts", "webhook_receipts"),
            Map.entry("backfill-jobs", "backfill_jobs"),
            Map.entry("backfill-running", "backfill_running"),
            Map.entry("flow-totals", "flow_totals"),
            Map.entry("flow-minutes", "flow_minutes"),
            Map.entry("burden-days", "burden_days"),
            Map.entry("burden-totals", "burden_totals"),
            Map.entry("audit-log", "audit_log"),
            Map.entry("audit-head", "audit_head"),
            Map.entry("audit-erased-subjects", "audit_erased_subjects"));

    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(FormerCollectionNames.class);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof MongoDatabaseFactory factory) {
            moveAll(factory.getMongoDatabase());
        }
        return bean;
    }

    static void moveAll(MongoDatabase database) {
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        RENAMED.forEach((former, current) -> {
            if (existing.contains(former)) {
                move(database.getCollection(former), database.getCollection(current));
            }
        });
    }

    private static void move(MongoCollection<Document> former, MongoCollection<Document> current) {
        long copied = 0;
        List<Document> batch = new ArrayList<>(BATCH);
        for (Document document : former.find()) {
            batch.add(document);
            if (batch.size() == BATCH) {
                copied += moveBatch(former, current, batch);
            }
        }
        copied += moveBatch(former, current, batch);
        former.drop();
        log.info("MongoDB collection {} moved to {} ({} documents copied)", former.getNamespace(),
                current.getNamespace().getCollectionName(), copied);
    }

    /** Inserts the document unless one with its {@code _id} is there. */
    private static WriteModel<Document> unlessPresent(Document document) {
        Document fields = new Document(document);
        fields.remove("_id");
        return new UpdateOneModel<>(Filters.eq("_id", document.get("_id")), new Document("$setOnInsert", fields),
                new UpdateOptions().upsert(true));
    }

    /** Copies the batch, then deletes it from the former collection, so a later start never copies it again. */
    private static int moveBatch(MongoCollection<Document> former, MongoCollection<Document> current,
            List<Document> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<WriteModel<Document>> copies = batch.stream().map(FormerCollectionNames::unlessPresent).toList();
        int inserted = current.bulkWrite(copies, new BulkWriteOptions().ordered(false)).getUpserts().size();
        former.deleteMany(Filters.in("_id", batch.stream().map(document -> document.get("_id")).toList()));
        batch.clear();
        return inserted;
    }
}
