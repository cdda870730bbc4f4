package io.fillonce.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.fillonce.contracts.Contracts;
import io.fillonce.identity.TestCallers;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.MappingSettings;
import io.fillonce.sync.registry.RegistryView;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topic channel end to end, against whichever real broker the subclass provides: registry entries and
 * canonical record events go in as the contract examples, department messages come out.
 */
abstract class FanOutScenarios {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonNode RECORD_EXAMPLE = Contracts.example("records/resident-upserted.json");

    @Autowired
    private KafkaAdmin kafkaAdmin;

    @Autowired
    private RegistryView view;

    @Autowired
    private StreamsBuilderFactoryBean fanOut;

    @LocalServerPort
    private int port;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void registerCivilAffairsAndHealth() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        List.of(RegistryEntries.civilAffairs(), RegistryEntries.health()).forEach(entries -> {
            for (Entry entry : entries) {
                send(entry.message());
            }
        });
        await().atMost(PATIENCE).until(() -> view.subscription("sub-civil-affairs-resident").isPresent()
                && view.subscription("sub-health-resident").isPresent());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void isReadyAndConsumingRecordsOnceTheRegistryViewCaughtUp() throws Exception {
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(fanOut.getKafkaStreams().state().isRunningOrRebalancing()).isTrue();
    }

    @Test
    void deliversTheContractExampleToCivilAffairs() {
        send(record(RECORD_EXAMPLE));

        JsonNode expected = Contracts.example("departments/civil-affairs-resident.json");
        ConsumerRecord<String, String> message = awaitMessages("civil-affairs", "370602199001011234", 1).get(0);
        assertThat(message.key()).isEqualTo(expected.get("key").stringValue());

        Map<String, String> headers = headers(message);
        assertThat(TestSubjects.SUBJECTS.open(headers.remove("ce_sealedentity"), "civil-affairs"))
                .as("the entity, sealed for sync-service").isEqualTo(RECORD_EXAMPLE.get("key").stringValue());
        Map<?, ?> example = JSON.convertValue(expected.get("headers"), Map.class);
        assertThat(example.get("ce_sealedentity")).asString().startsWith("sealed:v1:");
        example.remove("ce_sealedentity");
        assertThat(TestSubjects.SUBJECTS.open(headers.remove("ce_sealedsubmitter"), "civil-affairs"))
                .as("who submitted it, sealed for sync-service").isEqualTo(RECORD_EXAMPLE.at("/value/submittedBy")
                        .stringValue());
        assertThat(example.remove("ce_sealedsubmitter")).asString().startsWith("sealed:v1:");
        assertThat(headers).isEqualTo(example);
        assertThat(message.key() + headers + message.value()).as("the key is not disclosed: the example maps the ID "
                + "number masked").doesNotContain("370602199001011234");
        JsonNode value = JSON.readTree(message.value());
        assertThat(value).isEqualTo(expected.get("value"));
        assertThat(Contracts.violations(Contracts.DEPARTMENT_RECORD, value)).isEmpty();
    }

    @Test
    void doesNotDeliverARecordOutsideTheFilter() {
        send(resident("371002199001011111", 1, "371002", "F"));
        send(resident("371002199001011111", 2, "370602", "F"));

        List<ConsumerRecord<String, String>> messages =
                awaitMessages("civil-affairs", "371002199001011111", 1);

        assertThat(messages).extracting(m -> header(m, "ce_entityversion")).containsExactly("2");
    }

    @Test
    void deliversTheVersionsOfOneEntityInOrder() {
        for (int version = 1; version <= 6; version++) {
            send(resident("370602199001012222", version, "370602", version % 2 == 0 ? "M" : "F"));
        }

        List<ConsumerRecord<String, String>> messages =
                awaitMessages("civil-affairs", "370602199001012222", 6);

        assertThat(messages).extracting(m -> header(m, "ce_id")).containsExactly("rec-370602199001012222:1",
                "rec-370602199001012222:2", "rec-370602199001012222:3", "rec-370602199001012222:4",
                "rec-370602199001012222:5", "rec-370602199001012222:6");
    }

    @Test
    void givesEachDepartmentOnlyItsOwnFieldsAndSkipsOnlyTheOneThatCannotMap() {
        send(resident("370602199001013333", 1, "370602", "unknown-code"));
        send(resident("370602199001013333", 2, "370602", "M"));

        List<ConsumerRecord<String, String>> health =
                awaitMessages("health", "370602199001013333", 2);
        List<ConsumerRecord<String, String>> civilAffairs =
                awaitMessages("civil-affairs", "370602199001013333", 1);

        assertThat(health).extracting(m -> JSON.readTree(m.value())).containsOnly(JSON.readTree("""
                {"name": "Li Mei", "phone": "138****1234"}"""));
        assertThat(health).extracting(m -> header(m, "ce_subscription")).containsOnly("sub-health-resident");
        assertThat(civilAffairs).extracting(m -> header(m, "ce_entityversion")).containsExactly("2");
        assertThat(JSON.readTree(civilAffairs.get(0).value())).isEqualTo(JSON.readTree("""
                {"xm": "Li Mei", "sfzh": "370602**********33", "xb": "1", "jzxx": {"dz": "12 Haigang Rd"}}"""));
    }

    @Test
    void deliversAndPreviewsEveryTransformKind() throws Exception {
        for (Entry entry : new Entry[] {RegistryEntries.department("health-commission"),
                RegistryEntries.example("registry/subscription-health-commission-resident.json")}) {
            send(entry.message());
        }
        await().atMost(PATIENCE).until(() -> view.subscription("sub-health-commission-resident").isPresent());
        ProducerRecord<String, byte[]> full = resident("370602199001014444", 1, "370602", "F");
        ObjectNode data = (ObjectNode) JSON.readTree(full.value()).get("data");
        data.put("birthDate", "1990-01-01").put("monthlyIncome", 1234.5);
        send(withData(full, data));
        send(withData(resident("370602199001014444", 2, "370602", "F"), data.deepCopy().without(
                List.of("gender", "birthDate", "phone", "monthlyIncome"))));

        List<ConsumerRecord<String, String>> messages =
                awaitMessages("health-commission", "370602199001014444", 2);

        String hash = new FieldHashes(new MappingSettings(TestSubjects.HASH_SECRET)).forDepartment("health-commission")
                .hash("370602199001014444");
        String expected = """
                {"xm":"Li Mei","sfzh":"3706**********4444","grbs":"%s","xb":"2","csrq":"1990年01月01日","ysr":1235,\
                "ysrwb":"1,234.50","jzxx":{"qdz":"370602 12 Haigang Rd"},"sjly":"fillonce","lxdh":"138****1234"}"""
                .formatted(hash);
        assertThat(messages.get(0).value()).isEqualTo(expected);
        assertThat(messages.get(1).value()).isEqualTo("""
                {"xm":"Li Mei","sfzh":"3706**********4444","grbs":"%s","xb":"9","csrq":"",\
                "jzxx":{"qdz":"370602 12 Haigang Rd"},"sjly":"fillonce","lxdh":"unknown"}""".formatted(hash));
        assertThat(preview("sub-health-commission-resident", data).get("payload").toString()).isEqualTo(expected);
    }

    private JsonNode preview(String subscription, JsonNode record) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/registry/subscriptions/" + subscription + "/preview"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(record.toString()));
        TestCallers.admin().forEach(request::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static ProducerRecord<String, byte[]> withData(ProducerRecord<String, byte[]> record, JsonNode data) {
        ObjectNode value = (ObjectNode) JSON.readTree(record.value());
        value.set("data", data);
        var changed = new ProducerRecord<>(record.topic(), record.key(), JSON.writeValueAsBytes(value));
        record.headers().forEach(changed.headers()::add);
        return changed;
    }

    /** The record example with another entity, version and data. */
    private static ProducerRecord<String, byte[]> resident(String idNumber, int version, String region, String gender) {
        ObjectNode event = (ObjectNode) RECORD_EXAMPLE.deepCopy();
        String recordId = "rec-" + idNumber;
        String subject = "resident/" + idNumber;
        event.put("key", subject);
        ((ObjectNode) event.get("headers")).put("ce_id", recordId + ":" + version).put("ce_subject", subject)
                .put("ce_entityversion", String.valueOf(version));
        ObjectNode value = (ObjectNode) event.get("value");
        value.put("recordId", recordId).put("entityKey", idNumber).put("version", version);
        ((ObjectNode) value.get("data")).put("idNumber", idNumber).put("regionCode", region).put("gender", gender);
        return record(event);
    }

    private static ProducerRecord<String, byte[]> record(JsonNode example) {
        var record = new ProducerRecord<>(example.get("topic").stringValue(), example.get("key").stringValue(),
                JSON.writeValueAsBytes(example.get("value")));
        example.get("headers").properties().forEach(h -> record.headers().add(h.getKey(), bytes(h.getValue().stringValue())));
        return record;
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish the test message", e);
        }
    }

    /** The first {@code count} messages with {@code key} on {@code topic}, from its beginning. */
    /** The first {@code count} messages of the resident on the department's topic, under its pseudonym there. */
    private List<ConsumerRecord<String, String>> awaitMessages(String department, String idNumber, int count) {
        String topic = Topics.department(department);
        String key = TestSubjects.pseudonymous(department, idNumber);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                        .forEach(partitions::add);
                return !partitions.isEmpty();
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(m -> {
                    if (key.equals(m.key())) {
                        found.add(m);
                    }
                });
                return found.size() >= count;
            });
        }
        return found.subList(0, count);
    }

    private String bootstrapServers() {
        return String.valueOf(kafkaAdmin.getConfigurationProperties().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG))
                .replaceAll("[\\[\\]\\s]", "");
    }

    private static Map<String, String> headers(ConsumerRecord<?, ?> message) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : message.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String header(ConsumerRecord<?, ?> message, String name) {
        return headers(message).get(name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
