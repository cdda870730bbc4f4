package io.fillonce.sync.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Documents that tally what the audit topic says: each names the last audit offset it counts ({@code through}) and
 * is replaced only if that is still what it names, so a batch counted again after a crash, even one polled with
 * other boundaries, changes nothing twice. The audit topic has one partition (one hash chain), so its offsets order
 * every event. Reads and writes go by {@code _id} only.
 */
final class Tallies {

    /** Something counted from the audit topic, at its offset. */
    interface Counted {
        long offset();
    }

    private Tallies() {
    }

    /**
     * Brings each document of {@code byId} up to {@code through}: {@code update} gets the document as stored (null
     * when none) and what it does not count yet. Returns what was counted now.
     */
    static <T extends Counted> List<T> write(MongoTemplate mongo, String collection, Map<String, List<T>> byId,
            long through, BiFunction<Document, List<T>, Update> update) {
        Map<String, Document> stored = stored(mongo, collection, byId.keySet());
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        List<T> counted = new ArrayList<>();
        for (Map.Entry<String, List<T>> tally : byId.entrySet()) {
            Document known = stored.get(tally.getKey());
            List<T> fresh = after(known, tally.getValue());
            if (!fresh.isEmpty()) {
                counted.addAll(fresh);
                writes.upsert(unchanged(tally.getKey(), known), update.apply(known, fresh).set("through", through));
            }
        }
        if (!counted.isEmpty()) { // an empty bulk write is an error
            writes.execute();
        }
        return counted;
    }

    /** Items grouped by the id of the document that counts them, in the order met. */
    static <T> Map<String, List<T>> group(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.groupingBy(id, LinkedHashMap::new, Collectors.toList()));
    }

    static long number(Document document, String field) {
        Number value = document == null ? null : document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** The documents of {@code collection} with these ids, by id (read by {@code _id} only). */
    static Map<String, Document> stored(MongoTemplate mongo, String collection, Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection).stream()
                .collect(Collectors.toMap(document -> document.getString("_id"), document -> document));
    }

    /** What the document does not count yet. */
    private static <T extends Counted> List<T> after(Document known, List<T> counted) {
        long through = known == null ? -1 : known.get("through", Number.class).longValue();
        return counted.stream().filter(item -> item.offset() > through).toList();
    }

    /** The document as it was read: absent, or naming the same {@code through}. */
    private static Query unchanged(String id, Document known) {
        Criteria same = Criteria.where("_id").is(id);
        return Query.query(known == null ? same.and("through").exists(false)
                : same.and("through").is(known.get("through")));
    }
}
