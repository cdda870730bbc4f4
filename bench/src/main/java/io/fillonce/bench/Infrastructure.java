package io.fillonce.bench;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.contracts.Contracts;
import io.fillonce.contracts.trust.RegistrySignature;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What the bench runs in its own JVM: spring-kafka-test's in-process KRaft broker and an in-memory
 * mongo-java-server, the same pair intake's integration tests use.
 */
final class Infrastructure implements AutoCloseable {

    static final String REGISTRY_TOPIC = "fillonce.registry";

    private final EmbeddedKafkaKraftBroker broker;

    private final MongoServer mongo;

    private final String mongoUri;

    private final KeyPair registryKeys;

    Infrastructure() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        mongo = new MongoServer(new MemoryBackend());
        mongoUri = "mongodb://127.0.0.1:" + mongo.bind().getPort();
        try {
            registryKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no Ed25519", e);
        }
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    String mongoUri() {
        return mongoUri;
    }

    /** Creates a topic whose messages may be as large as intake's (2 MiB). */
    void createTopic(String name, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(2 * 1024 * 1024)))))
                    .all().get();
        }
    }

    /**
     * Puts the contract's {@code resident} record type on {@code fillonce.registry}, as registry-service would: signed,
     * with a key pair made for this run ({@link #registryVerifyKey()} is what intake verifies it with).
     */
    void seedRegistry() throws ExecutionException, InterruptedException {
        createTopic(REGISTRY_TOPIC, 1);
        JsonNode entry = Contracts.example("registry/record-type-resident.json");
        String key = entry.path("key").asString();
        String value = entry.path("value").toString();
        ProducerRecord<String, String> message = new ProducerRecord<>(REGISTRY_TOPIC, key, value);
        RegistrySignature.Signer signer = RegistrySignature.signer(
                Base64.getEncoder().encodeToString(registryKeys.getPrivate().getEncoded()), "bench key");
        message.headers().add(RegistrySignature.HEADER, signer.sign(key, value));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(message).get();
        }
    }

    /** The public key intake verifies the seeded registry entry with ({@code FILLONCE_REGISTRY_VERIFY_KEY}). */
    String registryVerifyKey() {
        return Base64.getEncoder().encodeToString(registryKeys.getPublic().getEncoded());
    }

    @Override
    public void close() {
        mongo.shutdownNow();
        broker.destroy();
    }
}
