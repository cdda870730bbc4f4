package io.fillonce.sync.system;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Sync's former kebab-case collections come back under their snake_case names, with every document. */
class FormerCollectionNamesTests {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final MongoDatabase database = client.getDatabase("fillonce-sync");

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aFormerCollectionMovesWithEveryDocumentWhenTheMongoFactoryIsMade() {
        for (int i = 0; i < 600; i++) {
            database.getCollection("dead-letters").insertOne(new Document("_id", "dl-" + i).append("status", "DEAD")
                    .append("message", new Document("version", i)));
        }
        database.getCollection("audit-log").insertOne(new Document("_id", 0L).append("hash", "h0"));
        database.getCollection("backfill-jobs").insertOne(new Document("_id", "backfill-1"));

        new FormerCollectionNames().postProcessAfterInitialization(
                new SimpleMongoClientDatabaseFactory(client, "fillonce-sync"), "mongoDatabaseFactory");

        assertThat(names()).containsExactlyInAnyOrder("dead_letters", "audit_log", "backfill_jobs");
        assertThat(database.getCollection("dead_letters").countDocuments()).isEqualTo(600);
        assertThat(database.getCollection("dead_letters").find(new Document("_id", "dl-77")).first())
                .isEqualTo(new Document("_id", "dl-77").append("status", "DEAD")
                        .append("message", new Document("version", 77)));
        assertThat(database.getCollection("audit_log").find().first()).containsEntry("hash", "h0");
        assertThat(database.getCollection("backfill_jobs").find().first()).isEqualTo(new Document("_id", "backfill-1"));
    }

    @Test
    void inAnApplicationContextTheMoveIsDoneAsTheMongoFactoryIsMade() {
        database.getCollection("flow-totals").insertOne(new Document("_id", "civil-affairs|topic"));

        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(FormerCollectionNames.class);
            context.registerBean(MongoDatabaseFactory.class,
                    () -> new SimpleMongoClientDatabaseFactory(client, "fillonce-sync"));
            context.refresh();

            assertThat(names()).containsExactly("flow_totals");
        }
    }

    @Test
    void aMoveStoppedHalfWayIsFinishedAndWhatTheCurrentCollectionHoldsIsKept() {
        database.getCollection("webhook-receipts").insertOne(new Document("_id", "r-1").append("version", 1));
        database.getCollection("webhook-receipts").insertOne(new Document("_id", "r-2").append("version", 1));
        database.getCollection("webhook_receipts").insertOne(new Document("_id", "r-1").append("version", 2));

        FormerCollectionNames.moveAll(database);

        assertThat(names()).containsExactly("webhook_receipts");
        assertThat(database.getCollection("webhook_receipts").find().into(new ArrayList<>())).containsExactlyInAnyOrder(
                new Document("_id", "r-1").append("version", 2), new Document("_id", "r-2").append("version", 1));
    }

    @Test
    void aStoreWithOnlyCurrentNamesIsNotTouched() {
        database.getCollection("parked_entities").insertOne(new Document("_id", "p-1"));
        database.getCollection("alerts").insertOne(new Document("_id", "a-1"));

        FormerCollectionNames.moveAll(database);

        assertThat(names()).containsExactlyInAnyOrder("parked_entities", "alerts");
        assertThat(database.getCollection("parked_entities").countDocuments()).isEqualTo(1);
    }

    @Test
    void everyCurrentNameIsSnakeCase() {
        assertThat(FormerCollectionNames.RENAMED.values()).allMatch(name -> name.matches("[a-z]+(_[a-z]+)*"));
    }

    private Set<String> names() {
        return database.listCollectionNames().into(new HashSet<>());
    }
}
