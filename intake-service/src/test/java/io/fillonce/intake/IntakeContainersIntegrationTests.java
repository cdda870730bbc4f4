package io.fillonce.intake;

import java.net.http.HttpResponse;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Import;

import static io.fillonce.intake.UpsertedEvents.assertUpserted;
import static org.assertj.core.api.Assertions.assertThat;

/** Submit → event against the real images: MongoDB 8 (replica set) and Apache Kafka 4.1 (KRaft). */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RegistrySeed.class)
class IntakeContainersIntegrationTests {

    @Container
    @ServiceConnection
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.4");

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Test
    void publishesTheSubmittedRecordAsACloudEvent() {
        IntakeClient intake = new IntakeClient(port);
        intake.awaitReady();
        ObjectNode record = Residents.record("370602199001011234");

        HttpResponse<String> created = intake.submit("resident", record.toString());

        assertThat(created.statusCode()).isEqualTo(201);
        String recordId = json.readTree(created.body()).path("recordId").asString();
        try (RecordsTopic records = new RecordsTopic(KAFKA.getBootstrapServers())) {
            List<ConsumerRecord<String, byte[]>> events = records.await("resident/370602199001011234", 1);
            JsonNode event = assertUpserted(events.get(0), recordId, "resident", "370602199001011234", 1);
            assertThat(event.path("data")).isEqualTo(record);
        }
    }
}
