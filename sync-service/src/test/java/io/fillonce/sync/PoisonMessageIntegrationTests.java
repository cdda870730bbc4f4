package io.fillonce.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.registryfeed.RegistryTopic;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.registry.RegistryView;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15's poison message: an authorised producer writes, between valid record events of one entity on one
 * partition of fillonce.records, messages the fan-out cannot read. Each lands once on fillonce.records.dead with its
 * reason and its place, and every valid version around them reaches the department, in order. (The fan-out starts
 * once the web server's port is known: a real port.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(topics = {RegistryTopic.NAME, Topics.RECORDS}, partitions = 3,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class PoisonMessageIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    private static final String RESIDENT = "370602199001019999";
    private static final int PARTITION = 0;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private RegistryView view;

    @Autowired
    private MeterRegistry meters;

    private KafkaProducer<byte[], byte[]> producer;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("spring.mongodb.uri", () -> MONGO_URI);
    }

    @BeforeEach
    void registerHealth() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new ByteArraySerializer(), new ByteArraySerializer());
        for (Entry entry : RegistryEntries.health()) {
            ProducerRecord<String, byte[]> message = entry.message();
            send(new ProducerRecord<>(message.topic(), null, bytes(message.key()), message.value(),
                    message.headers()));
        }
        await().atMost(PATIENCE).until(() -> view.subscription("sub-health-resident").isPresent());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void eachPoisonMessageIsDeadLetteredOnceAndTheVersionsAroundItReachTheDepartmentInOrder() throws Exception {
        byte[] garbageKey = {(byte) 0xff, 0x01, 'x'};
        byte[] garbage = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};
        byte[] notJson = bytes("<record>not JSON</record>");
        ObjectNode refused = (ObjectNode) JSON.readTree(RecordEvents.resident(RESIDENT, 9, "370602").value());
        refused.put("version", "nine");

        send(onPartition(RecordEvents.resident(RESIDENT, 1, "370602")));
        long garbageAt = send(new ProducerRecord<>(Topics.RECORDS, PARTITION, garbageKey, garbage));
        send(onPartition(RecordEvents.resident(RESIDENT, 2, "370602")));
        long notJsonAt = send(onPartition(withValue(RecordEvents.resident(RESIDENT, 7, "370602"), notJson)));
        send(onPartition(RecordEvents.resident(RESIDENT, 3, "370602")));
        long refusedAt = send(onPartition(withValue(RecordEvents.resident(RESIDENT, 9, "370602"),
                JSON.writeValueAsBytes(refused))));
        send(onPartition(RecordEvents.resident(RESIDENT, 4, "370602")));

        assertThat(awaitHealthVersions(4)).containsExactly("1", "2", "3", "4");
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters();
        assertThat(dead).extracting(m -> header(m, "fillonce-dead-letter-offset")).containsExactlyInAnyOrder(
                String.valueOf(garbageAt), String.valueOf(notJsonAt), String.valueOf(refusedAt));
        assertThat(dead).allSatisfy(m -> {
            assertThat(header(m, "fillonce-dead-letter-topic")).isEqualTo(Topics.RECORDS);
            assertThat(header(m, "fillonce-dead-letter-partition")).isEqualTo(String.valueOf(PARTITION));
            assertThat(header(m, "fillonce-dead-letter-timestamp")).isNotBlank();
            assertThat(header(m, "fillonce-dead-letter-detail")).isNotBlank();
        });
        ConsumerRecord<byte[], byte[]> deadGarbage = at(dead, garbageAt);
        assertThat(deadGarbage.key()).isEqualTo(garbageKey);
        assertThat(deadGarbage.value()).isEqualTo(garbage);
        assertThat(header(deadGarbage, "fillonce-dead-letter-reason")).isEqualTo("not-a-cloudevent");
        ConsumerRecord<byte[], byte[]> deadNotJson = at(dead, notJsonAt);
        assertThat(deadNotJson.value()).isEqualTo(notJson);
        assertThat(header(deadNotJson, "ce_id")).isEqualTo("rec-" + RESIDENT + ":7");
        assertThat(header(deadNotJson, "fillonce-dead-letter-reason")).isEqualTo("not-json");
        ConsumerRecord<byte[], byte[]> deadRefused = at(dead, refusedAt);
        assertThat(JSON.readTree(deadRefused.value())).isEqualTo(refused);
        assertThat(header(deadRefused, "fillonce-dead-letter-reason")).isEqualTo("not-a-record-event");
        assertThat(header(deadRefused, "fillonce-dead-letter-detail")).contains("'version' is not an integer");
        assertThat(List.of("not-a-cloudevent", "not-json", "not-a-record-event")).allSatisfy(reason ->
                assertThat(meters.get("fillonce.fanout.dead.letters").tag("reason", reason).counter().count())
                        .as(reason).isEqualTo(1));
    }

    @Test
    void syncCreatesTheDeadLetterTopicKeptThirtyDays() throws Exception {
        try (Admin admin = Admin.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RECORDS_DEAD);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(String.valueOf(Duration.ofDays(30).toMillis()));
            assertThat(admin.describeTopics(List.of(Topics.RECORDS_DEAD)).allTopicNames().get()
                    .get(Topics.RECORDS_DEAD).partitions()).hasSize(3);
        }
    }

    /** The entity versions health received, once it has {@code count}, in the order of its topic. */
    private List<String> awaitHealthVersions(int count) {
        String key = TestSubjects.pseudonymous(RegistryEntries.HEALTH, RESIDENT);
        List<String> versions = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, Topics.department(RegistryEntries.HEALTH));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(m -> {
                    if (key.equals(new String(m.key(), StandardCharsets.UTF_8))) {
                        versions.add(header(m, "ce_entityversion"));
                    }
                });
                return versions.size() >= count;
            });
        }
        return versions;
    }

    /** Every committed message of fillonce.records.dead, read to its end. */
    private List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, Topics.RECORDS_DEAD);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return found;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            return !partitions.isEmpty();
        });
        return partitions;
    }

    private static ConsumerRecord<byte[], byte[]> at(List<ConsumerRecord<byte[], byte[]>> dead, long offset) {
        return dead.stream().filter(m -> String.valueOf(offset).equals(header(m, "fillonce-dead-letter-offset")))
                .findFirst().orElseThrow();
    }

    private static ProducerRecord<byte[], byte[]> onPartition(ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(record.topic(), PARTITION, bytes(record.key()), record.value(),
                record.headers());
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, byte[] value) {
        return new ProducerRecord<>(record.topic(), null, record.key(), value, record.headers());
    }

    /** Sends and returns the message's offset. */
    private long send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get().offset();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish the test message", e);
        }
    }

    private static String header(ConsumerRecord<?, ?> message, String name) {
        Headers headers = message.headers();
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
