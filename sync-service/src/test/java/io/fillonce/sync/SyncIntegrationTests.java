package io.fillonce.sync;

import io.fillonce.registryfeed.RegistryTopic;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The topic channel on the in-process KRaft broker and the in-memory MongoDB wire server. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(topics = {RegistryTopic.NAME, Topics.RECORDS}, partitions = 3,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SyncIntegrationTests extends FanOutScenarios {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("spring.mongodb.uri", () -> MONGO_URI);
    }
}
