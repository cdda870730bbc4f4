package io.fillonce.intake.record;

import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored before claims existed are claimed once after an upgrade, so that the relay publishes them. */
class UnclaimedEventsTests {

    private static final MongoServer SERVER = new MongoServer(new MemoryBackend());

    private static MongoClient client;

    private final RecordingOutbox outbox = new RecordingOutbox();

    private MongoTemplate mongo;

    private UnclaimedEvents unclaimed;

    @BeforeAll
    static void startMongo() {
        client = MongoClients.create("mongodb://127.0.0.1:" + SERVER.bind().getPort());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        SERVER.shutdownNow();
    }

    @BeforeEach
    void emptyStore() {
        mongo = new MongoTemplate(client, "unclaimed-tests");
        List.of(RecordDocument.COLLECTION, UnclaimedEvents.MARKERS).forEach(mongo::dropCollection);
        unclaimed = new UnclaimedEvents(mongo, new RecordDocuments(mongo), outbox);
    }

    @Test
    void claimsTheEventsOfRecordsStoredBeforeClaimsAndHandsThemToTheRelay() {
        store("resident/1", null, 1, 2);
        store("resident/2", "claim-of-today", 1);

        assertThat(unclaimed.claimOnce()).isEqualTo(1);

        assertThat(outbox.claimed).containsExactly("resident/1");
        assertThat(outbox.written).singleElement().satisfies(document -> assertThat(document.getId())
                .isEqualTo("resident/1"));
        RecordDocument claimed = mongo.findById("resident/1", RecordDocument.class);
        assertThat(claimed.pendingEvents()).extracting(OutboxEvent::claim)
                .containsOnly(outbox.claim.id());
        assertThat(claimed.pendingEvents()).extracting(OutboxEvent::payload).doesNotContainNull();
    }

    @Test
    void claimsOnlyOnce() {
        unclaimed.claimOnce();
        store("resident/3", null, 1);

        assertThat(unclaimed.claimOnce()).isZero();
        assertThat(outbox.claimed).isEmpty();
    }

    private void store(String id, String claim, int... versions) {
        List<Document> events = Arrays.stream(versions).mapToObj(version -> {
            Document event = new Document("eventId", "rec-" + id + ":" + version).append("version", version)
                    .append("time", new Date()).append("payload", "{\"version\":" + version + "}");
            return claim == null ? event : event.append("claim", claim);
        }).toList();
        mongo.getCollection(RecordDocument.COLLECTION).insertOne(new Document("_id", id).append("recordId", "rec-" + id)
                .append("type", "resident").append("entityKey", id.substring(9)).append("typeVersion", 1)
                .append("version", versions[versions.length - 1]).append("data", "{}").append("submittedBy", "cadre:c-1")
                .append("channel", "api").append("outbox", events).append("revision", 3L));
    }
}
