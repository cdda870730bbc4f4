package io.fillonce.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

/**
 * intake's MongoDB as the bench sees it: the outbox inside each record document, and the relay lease, which the
 * bench holds while it loads records so that the relay starts only when the bench lets it (the lease document is
 * the one {@code RelayLease} takes: {@code relay_lease/outbox-relay}).
 */
final class Outbox implements AutoCloseable {

    private static final String LEASE_ID = "outbox-relay";

    private final MongoClient client;

    private final MongoDatabase database;

    Outbox(String mongoUri) {
        client = MongoClients.create(mongoUri);
        database = client.getDatabase("fillonce-intake");
    }

    void holdLease() {
        database.getCollection("relay_lease").insertOne(new Document("_id", LEASE_ID).append("owner", "bench")
                .append("expiresAt", Date.from(Instant.now().plusSeconds(24 * 3600))));
    }

    void releaseLease() {
        database.getCollection("relay_lease").deleteOne(Filters.and(Filters.eq("_id", LEASE_ID),
                Filters.eq("owner", "bench")));
    }

    /** Every event waiting in the outbox, each entity's in version order. */
    List<PendingEvent> pending() {
        List<PendingEvent> events = new ArrayList<>();
        for (Document record : database.getCollection("records").find(Filters.exists("outbox.eventId"))) {
            for (Document event : record.getList("outbox", Document.class)) {
                events.add(new PendingEvent(record.getString("_id"), record.getString("type"),
                        event.getString("eventId"), event.getInteger("version"), event.getDate("time").toInstant(),
                        event.getString("payload")));
            }
        }
        events.sort(Comparator.comparing(PendingEvent::subject).thenComparingInt(PendingEvent::version));
        return events;
    }

    long entitiesWithPendingEvents() {
        return database.getCollection("records").countDocuments(Filters.exists("outbox.eventId"));
    }

    @Override
    public void close() {
        client.close();
    }

    /** One outbox event and the entity it belongs to. */
    record PendingEvent(String subject, String type, String eventId, int version, Instant time, String payload) {
    }
}
