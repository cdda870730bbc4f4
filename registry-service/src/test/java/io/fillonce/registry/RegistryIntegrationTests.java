package io.fillonce.registry;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry flow on the embedded KRaft broker and the in-memory Mongo-wire server. The server lives as long as
 * the JVM, because the cached application context (and its republisher) outlives this class.
 */
@SpringBootTest(properties = "fillonce.bootstrap.admin-key=" + RegistryFlow.ADMIN_KEY)
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class RegistryIntegrationTests extends DemoCatalogueFlow {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.bindAndGetConnectionString());
    }
}
