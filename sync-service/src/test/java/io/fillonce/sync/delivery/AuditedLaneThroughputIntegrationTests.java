package io.fillonce.sync.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.sync.audit.Access;
import io.fillonce.sync.audit.AuditLog;
import io.fillonce.sync.audit.AuditLogInspection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * What the audit log costs a lane: the same ledger of deliveries drained by a lane whose channel confirms at once,
 * once with the audit log and once with appends that store nothing, on the MongoDB wire server. Prints both rates
 * (noisy on a shared machine) and counts the MongoDB commands the lane sends (not noisy): the audit log appends
 * one block per lane round, so it adds two writes per round, not per delivery. The audited run must leave one
 * entry per delivery in a chain that verifies.
 */
class AuditedLaneThroughputIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ENTITIES = 100;
    private static final int VERSIONS = 5;
    private static final int DELIVERIES = ENTITIES * VERSIONS;

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final String uri = server.bindAndGetConnectionString();
    private final AtomicLong commands = new AtomicLong();
    private final MongoClient lanesClient = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri)).addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    commands.incrementAndGet();
                }
            }).build());
    private final MongoClient testClient = MongoClients.create(uri);

    @AfterEach
    void stop() {
        lanesClient.close();
        testClient.close();
        server.shutdownNow();
    }

    @Test
    void auditingEveryDeliveryCostsALaneOnlyTwoWritesPerRoundAndKeepsTheChainWhole() {
        MongoTemplate plain = new MongoTemplate(lanesClient, "plain");
        Run unaudited = drain("plain", new AuditLog(plain, JSON) {
            @Override
            public synchronized void append(List<Access> accesses) {
                // the baseline: nothing stored
            }
        });
        Run audited = drain("audited", new AuditLog(new MongoTemplate(lanesClient, "audited"), JSON));

        System.out.printf("LANE THROUGHPUT (%d deliveries, one lane, a channel that confirms at once, "
                + "mongo-java-server): without audit %.0f deliveries/s, %.2f MongoDB commands per delivery; "
                + "with audit %.0f deliveries/s, %.2f commands per delivery%n", DELIVERIES, unaudited.rate(),
                unaudited.commandsPerDelivery(), audited.rate(), audited.commandsPerDelivery());
        AuditLogInspection.Result verified = new AuditLogInspection(new MongoTemplate(testClient, "audited"), JSON)
                .verify();
        assertThat(verified.ok()).as(verified.text()).isTrue();
        assertThat(verified.checked()).isEqualTo(DELIVERIES);
        assertThat(audited.commandsPerDelivery() - unaudited.commandsPerDelivery()).isLessThan(0.1);
    }

    private record Run(double rate, double commandsPerDelivery) {
    }

    private Run drain(String database, AuditLog audit) {
        MongoTemplate mongo = new MongoTemplate(lanesClient, database);
        MongoTemplate observer = new MongoTemplate(testClient, database);
        Ledger ledger = new Ledger(mongo);
        for (int version = 1; version <= VERSIONS; version++) {
            for (int entity = 0; entity < ENTITIES; entity++) {
                ledger.enqueue(delivery(entity, version));
            }
        }
        Lanes lanes = new Lanes(ledger, audit, mongo, List.of(new ConfirmingChannel()),
                new LaneSettings(100, Duration.ofMillis(20), Duration.ofMinutes(2)));
        long before = commands.get();
        long start = System.nanoTime();
        lanes.start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> observer.count(
                query(where("status").is(DeliveryStatus.DELIVERED)), Delivery.class) == DELIVERIES);
        double seconds = (System.nanoTime() - start) / 1e9;
        lanes.destroy();
        return new Run(DELIVERIES / seconds, (commands.get() - before) / (double) DELIVERIES);
    }

    private static Delivery delivery(int entity, long version) {
        String event = "rec-" + entity + ":" + version;
        return new Delivery(Delivery.id(event, "bench", "confirming"), event, "bench", "confirming", "sub-bench",
                "purpose", "legal basis", "resident", "e" + entity, "resident/e" + entity, version,
                "2026-11-27T08:00:00Z", "{\"xm\":\"name " + entity + "\"}", "sha256:x", DeliveryStatus.PENDING, 0,
                null, Instant.now(), null, null, null, null, null);
    }

    /** A channel that takes every delivery at once. */
    private static final class ConfirmingChannel implements Channel {

        @Override
        public String name() {
            return "confirming";
        }

        @Override
        public Long send(Delivery delivery) {
            return null;
        }

        @Override
        public boolean deadLetters() {
            return false;
        }

        @Override
        public Duration pause() {
            return Duration.ofSeconds(1);
        }
    }
}
