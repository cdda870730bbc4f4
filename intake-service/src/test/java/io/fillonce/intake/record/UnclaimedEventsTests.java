package io.fillonce.intake.record;

import java.util.Arrays;
import java.util.Date;
import java.util.List;

import io.fillonce.intake.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored before claims existed are claimed once after an upgrade, so that the relay publishes them. */
class UnclaimedEventsTests {

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private final RecordingOutbox outbox = new RecordingOutbox();

    private MongoTemplate mongo;

    private UnclaimedEvents unclaimed;

    @BeforeEach
    void emptyStore() {
        mongo = MONGO.emptyDatabase("unclaimed-tests");
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
