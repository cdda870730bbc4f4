package io.fillonce.sync;

import java.util.List;
import java.util.Map;

import io.fillonce.registryfeed.RegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/** The same scenarios against the real apache/kafka and mongo images; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SyncContainersIntegrationTests extends FanOutScenarios {

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Container
    @ServiceConnection
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.4");

    /** The registry and intake own these topics; the test stands in for them before sync starts. */
    @BeforeAll
    static void createTheTopicsSyncReads() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(RegistryTopic.NAME, 1, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(Topics.RECORDS, 3, (short) 1))).all().get();
        }
    }
}
