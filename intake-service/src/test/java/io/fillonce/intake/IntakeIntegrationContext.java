package io.fillonce.intake;

import io.fillonce.registryfeed.RegistryTopic;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a real (embedded, KRaft) Kafka broker and the in-memory MongoDB wire server. Every
 * integration test class extending this shares one application context (and one broker).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "fillonce.intake.relay.interval=50ms", "fillonce.intake.jobs.heartbeat-interval=500ms",
                "fillonce.intake.jobs.stale-after=5s", "fillonce.intake.jobs.check-interval=500ms",
                "fillonce.intake.relay.heartbeat-interval=" + IntakeIntegrationContext.RELAY_HEARTBEAT,
                "fillonce.intake.relay.stale-after=" + IntakeIntegrationContext.RELAY_STALE_AFTER })
@EmbeddedKafka(partitions = 3, topics = RegistryTopic.NAME, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = { "group.initial.rebalance.delay.ms=0", "offsets.topic.num.partitions=1" })
@Import(RegistrySeed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IntakeIntegrationContext {

    /** Every instance on the shared MongoDB must agree on these (the child instances of the tests get them too). */
    static final String RELAY_HEARTBEAT = "500ms";

    static final String RELAY_STALE_AFTER = "5s";

    /** Lives as long as the test JVM, like the cached application context that uses it. */
    private static final int MONGO_PORT = new MongoServer(new MemoryBackend()).bind().getPort();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + MONGO_PORT);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private EmbeddedKafkaBroker kafka;

    @Autowired
    protected JsonMapper json;

    protected IntakeClient intake;

    protected RecordsTopic records;

    @BeforeEach
    protected void connect() {
        if (intake == null) {
            intake = new IntakeClient(port);
            records = new RecordsTopic(kafka.getBrokersAsString());
        }
        intake.awaitReady();
    }

    @AfterAll
    protected void disconnect() {
        records.close();
    }
}
