package io.fillonce.intake;

import io.fillonce.registryfeed.RegistryTopic;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing accepted is lost on the way to Kafka: the broker is a real Kafka in a child JVM that is killed and started
 * again on the same port with the same data; intake instances are whole Spring Boot applications.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayFaultIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KafkaProcess kafka;

    @BeforeAll
    void startKafka(@TempDir Path dir) throws Exception {
        kafka = new KafkaProcess(Files.createDirectories(dir.resolve("kafka")));
        kafka.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            admin.createTopics(List.of(new NewTopic(RegistryTopic.NAME, 1, (short) 1))).all().get();
            producer.send(Residents.registryMessage()).get();
        }
    }

    @AfterAll
    void stopKafka() throws InterruptedException {
        kafka.close();
    }

    @Test
    void publishesEverySubmissionAcceptedWhileKafkaWasDownInVersionOrder() throws Exception {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String mongoUri = "mongodb://127.0.0.1:" + mongo.bind().getPort();
        try (ConfigurableApplicationContext intake = start(mongoUri);
                RecordsTopic records = new RecordsTopic(kafka.bootstrapServers())) {
            IntakeClient client = client(intake);
            Map<String, Integer> versions = new LinkedHashMap<>();
            submit(client, versions, "370602199101011111", "First");
            records.await("resident/370602199101011111", 1);

            kafka.kill();
            for (int round = 0; round < 3; round++) {
                for (String idNumber : List.of("370602199101011111", "370602199101012222", "370602199101013333")) {
                    submit(client, versions, idNumber, "Name " + round);
                }
            }
            // the point: the broker stays away a while (the relay's sends fail and are retried), not a condition
            Thread.sleep(1500);
            kafka.start();

            versions.forEach((idNumber, last) -> records.await("resident/" + idNumber, last));
            records.settled("", Duration.ofSeconds(2));
            versions.forEach((idNumber, last) -> assertInVersionOrder(
                    records.settled("resident/" + idNumber, Duration.ZERO), last));
        }
        finally {
            mongo.shutdownNow();
        }
    }

    @Test
    void aKilledInstancesAcceptedVersionsArePublishedByTheNextInstanceInOrderWithTheEventIdsItAnswered(
            @TempDir Path dir) throws Exception {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String mongoUri = "mongodb://127.0.0.1:" + mongo.bind().getPort();
        try (RecordsTopic records = new RecordsTopic(kafka.bootstrapServers())) {
            Map<String, List<String>> eventIds = new LinkedHashMap<>();
            // the instance that is killed reads the registry but its producer reaches no broker: it accepts
            // (its 201s mean the records and their events are in MongoDB) and publishes nothing before it dies
            try (IntakeProcess dying = new IntakeProcess(dir.resolve("intake.log"),
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--spring.kafka.producer.bootstrap-servers=127.0.0.1:" + closedPort(),
                    "--spring.kafka.producer.properties.max.block.ms=1000", "--spring.mongodb.uri=" + mongoUri,
                    "--fillonce.intake.relay.interval=100ms")) {
                IntakeClient client = dying.awaitReady();
                for (int round = 0; round < 2; round++) {
                    for (String idNumber : List.of("370602199202021111", "370602199202022222", "370602199202023333")) {
                        HttpResponse<String> accepted = client.submit("resident",
                                Residents.record(idNumber).put("name", "Name " + round).toString());
                        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
                        JsonNode receipt = JSON.readTree(accepted.body());
                        eventIds.computeIfAbsent("resident/" + idNumber, key -> new ArrayList<>())
                                .add(receipt.path("recordId").asString() + ":" + receipt.path("version").asInt());
                    }
                }
                dying.kill();
            }
            records.settled("", Duration.ofSeconds(1));
            eventIds.keySet().forEach(key -> assertThat(records.settled(key, Duration.ZERO)).as(key).isEmpty());

            // the successor takes the dead instance's claims over once its heartbeat is stale-after old
            try (ConfigurableApplicationContext successor = start(mongoUri)) {
                eventIds.forEach((key, expected) -> {
                    List<String> published = records.await(key, expected.size()).stream()
                            .map(event -> RecordsTopic.header(event, "ce_id")).distinct().toList();
                    assertThat(published).as(key).containsExactlyElementsOf(expected);
                });
                records.settled("", Duration.ofSeconds(1));
                eventIds.forEach((key, expected) -> assertInVersionOrder(records.settled(key, Duration.ZERO),
                        expected.size()));
                assertThat(JSON.readTree(client(successor).send("GET",
                        "/api/records/resident/370602199202021111/history", null, null).body()).path("versions"))
                        .hasSize(2);
                try (MongoClient store = MongoClients.create(mongoUri)) {
                    awaitNoClaims(store);
                }
            }
        }
        finally {
            mongo.shutdownNow();
        }
    }

    private ConfigurableApplicationContext start(String mongoUri) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IntakeApplication.class).run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.mongodb.uri=" + mongoUri, "--fillonce.intake.relay.interval=100ms",
                "--fillonce.intake.relay.stale-after=4s", "--fillonce.intake.relay.retry-after=500ms",
                "--spring.kafka.producer.properties.max.block.ms=2000",
                "--spring.kafka.producer.properties.request.timeout.ms=2000",
                "--spring.kafka.producer.properties.delivery.timeout.ms=8000",
                "--spring.kafka.admin.operation-timeout=3s");
        return context;
    }

    /** Claims are deleted once all their events are acknowledged: none is left once everything is published. */
    private static void awaitNoClaims(MongoClient store) {
        var claims = store.getDatabase("fillonce-intake").getCollection("relay_claims");
        await().atMost(Duration.ofSeconds(10)).until(() -> claims.countDocuments() == 0);
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static IntakeClient client(ConfigurableApplicationContext context) {
        IntakeClient client = new IntakeClient(((WebServerApplicationContext) context).getWebServer().getPort());
        client.awaitReady();
        return client;
    }

    private static void submit(IntakeClient client, Map<String, Integer> versions, String idNumber, String name) {
        HttpResponse<String> answer = client.submit("resident", Residents.record(idNumber).put("name", name).toString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        versions.put(idNumber, JSON.readTree(answer.body()).path("version").asInt());
    }

    /** Every version 1..last is there, and no version ever follows a later one (re-publications may repeat). */
    private static void assertInVersionOrder(List<ConsumerRecord<String, byte[]>> events, int last) {
        List<Integer> seen = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> event : events) {
            int version = Integer.parseInt(RecordsTopic.header(event, "ce_entityversion"));
            assertThat(version).as("version order of %s", seen).isGreaterThanOrEqualTo(seen.isEmpty() ? 1
                    : seen.get(seen.size() - 1));
            seen.add(version);
        }
        assertThat(seen.stream().distinct().toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, last).boxed().toList());
    }
}
