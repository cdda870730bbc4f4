package io.fillonce.sync.webhook;

import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.sync.audit.EntityErased;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** An erasure clears what the webhook feature keeps of the entity, for every department, and nothing else. */
class ErasedEntitiesTests {

    private static final String ERASED = "resident/370602199001011234";
    private static final String KEPT = "resident/370602199001015678";

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final MongoTemplate mongo = new MongoTemplate(client, "erased-entities");

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void deletesTheEntitysDeadLettersParkingAndReceiptsOfEveryDepartment() {
        for (String department : List.of("civil-affairs", "health")) {
            for (String subject : List.of(ERASED, KEPT)) {
                WebhookMessage message = new WebhookMessage("rec-" + subject + ":1", subject, 1, "sub-1", "p", "l",
                        null, "{}", subject, null, 1, null);
                mongo.save(new DeadLetter(DeadLetter.id(message.eventId(), department), department, "webhook",
                        message.type(), message.entityKey(), message, DeadLetter.Status.DISCARDED, "500", 3, null,
                        Instant.now(), Instant.now(), "gone"));
                mongo.save(new ParkedEntity(ParkedEntity.id(department, subject), department, subject, "x",
                        List.of(message), Instant.now()));
                String receipt = WebhookReceipts.Confirmed.id(department, subject);
                mongo.save(new WebhookReceipts.Confirmed(receipt, message.eventId(), 1, Instant.now(), 1));
            }
        }

        new ErasedEntities(mongo).erased(new EntityErased(ERASED));

        for (Class<?> kept : List.of(DeadLetter.class, ParkedEntity.class, WebhookReceipts.Confirmed.class)) {
            assertThat(mongo.findAll(kept)).as(kept.getSimpleName()).hasSize(2)
                    .allSatisfy(document -> assertThat(document.toString()).doesNotContain(ERASED).contains(KEPT));
        }
    }
}
