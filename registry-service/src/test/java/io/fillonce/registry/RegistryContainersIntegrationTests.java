package io.fillonce.registry;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** The same registry flow against a real MongoDB replica set and a real Apache Kafka broker (needs Docker). */
@SpringBootTest(properties = "fillonce.bootstrap.admin-key=" + RegistryFlow.ADMIN_KEY)
@AutoConfigureMockMvc
@Testcontainers(disabledWithoutDocker = true)
class RegistryContainersIntegrationTests extends RegistryFlow {

    @Container
    @ServiceConnection
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.4");

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");
}
