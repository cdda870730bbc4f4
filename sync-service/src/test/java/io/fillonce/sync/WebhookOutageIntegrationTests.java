package io.fillonce.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.registryfeed.RegistryTopic;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.WebhookReceiver.Received;
import io.fillonce.sync.registry.RegistryView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.fillonce.identity.TestCallers.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A department's webhook down for much longer than its retries and several breaker waits, then back: "offline"'s
 * endpoint refuses connections, "overloaded"'s answers 503 (both take residents of region 97), while "steady" takes
 * every resident; "picky" (region 96) refuses one entity with 422 and takes the others.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "fillonce.sync.webhooks.allow-loopback=true", "fillonce.sync.webhooks.max-attempts=3",
        "fillonce.sync.webhooks.initial-backoff=20ms", "fillonce.sync.webhooks.max-backoff=100ms",
        "fillonce.sync.webhooks.breaker-wait=300ms"})
@EmbeddedKafka(topics = {RegistryTopic.NAME, Topics.RECORDS}, partitions = 3,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ExtendWith(OutputCaptureExtension.class)
class WebhookOutageIntegrationTests {

    private static final int MAX_ATTEMPTS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    private static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    private static final WebhookReceiver OFFLINE = WebhookReceiver.start();
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private RegistryView view;

    @Autowired
    private MeterRegistry meters;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("spring.mongodb.uri", () -> MONGO_URI);
    }

    @AfterAll
    static void stopReceivers() {
        RECEIVER.close();
        OFFLINE.close();
    }

    @BeforeEach
    void registerDepartments() {
        for (Entry entry : List.of(department("offline", OFFLINE.url("/hook")),
                department("overloaded", RECEIVER.url("/overloaded")), department("steady", RECEIVER.url("/steady")),
                department("picky", RECEIVER.url("/picky")), subscription("offline", "\"97\""),
                subscription("overloaded", "\"97\""), subscription("steady", null), subscription("picky", "\"96\""))) {
            publish(entry.message());
        }
        await().atMost(PATIENCE).until(() -> view.subscriptionsFor("resident").size() == 4
                && view.department("picky").isPresent());
    }

    @Test
    void aDepartmentDownLongerThanItsRetriesAndSeveralBreakerWaitsGetsEveryVersionOnceAndInOrderWhenBack(
            CapturedOutput output) throws IOException {
        OFFLINE.down();
        RECEIVER.answer("/overloaded", 503);
        List<String> entities = List.of(entity(), entity(), entity(), entity());
        publishVersions(entities, 1, 2);

        await().atMost(PATIENCE).until(() -> failedTries("offline") >= 4 * MAX_ATTEMPTS
                && failedTries("overloaded") >= 4 * MAX_ATTEMPTS);
        publishVersions(entities, 3, 3);
        await().atMost(PATIENCE).until(() -> entities.stream().allMatch(e -> versions("/steady", e).size() == 3));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(breakers()).containsEntry("offline", "OPEN").containsEntry("overloaded", "OPEN");
            assertThat(get("/actuator/prometheus").body()).contains(openBreaker("offline"), openBreaker("overloaded"));
        });
        assertThat(RECEIVER.delivered("/overloaded")).isEmpty();
        assertThat(deadLetters("offline")).isEmpty();
        assertThat(deadLetters("overloaded")).isEmpty();

        OFFLINE.up();
        RECEIVER.answer("/overloaded", 204);

        await().atMost(PATIENCE).until(() -> entities.stream().allMatch(e -> versions(OFFLINE, "/hook", "offline", e)
                .size() >= 3 && versions(RECEIVER, "/overloaded", "overloaded", e).size() >= 3));
        for (String entity : entities) {
            assertThat(versions(OFFLINE, "/hook", "offline", entity)).containsExactly(1L, 2L, 3L);
            assertThat(versions(RECEIVER, "/overloaded", "overloaded", entity)).containsExactly(1L, 2L, 3L);
            assertThat(versions("/steady", entity)).containsExactly(1L, 2L, 3L);
        }
        assertThat(OFFLINE.delivered("/hook")).extracting(r -> r.headers().get("webhook-id")).doesNotHaveDuplicates();
        assertThat(RECEIVER.delivered("/overloaded")).extracting(r -> r.headers().get("webhook-id"))
                .doesNotHaveDuplicates();
        assertThat(deadLetters("offline")).isEmpty();
        assertThat(deadLetters("overloaded")).isEmpty();
        await().atMost(PATIENCE).until(() -> output.getOut().contains("Webhook deliveries to department offline "
                + "resumed") && output.getOut().contains("Webhook deliveries to department overloaded resumed"));
        for (String department : List.of("offline", "overloaded")) {
            assertThat(output.getOut()).as("the outage is logged once, not per message or probe")
                    .containsOnlyOnce("Webhook deliveries to department " + department + " wait (")
                    .containsOnlyOnce("Webhook deliveries to department " + department + " resumed after ");
        }
    }

    @Test
    void aMessageTheEndpointKeepsRefusingIsADeadLetterAfterItsRetriesAndParksOnlyItsEntity() {
        String poison = entity();
        List<String> others = List.of(entity(), entity(), entity());
        RECEIVER.answer("/picky", "resident/" + TestSubjects.pseudonym("picky", poison), 422);
        publish(RecordEvents.resident(poison, 1, "960001"));
        publish(RecordEvents.resident(poison, 2, "960001"));
        for (String entity : others) {
            publish(RecordEvents.resident(entity, 1, "960001"));
            publish(RecordEvents.resident(entity, 2, "960001"));
        }

        await().atMost(PATIENCE).until(() -> deadLetters("picky").size() == 1
                && others.stream().allMatch(e -> versions("/picky", e).size() == 2));
        JsonNode dead = deadLetters("picky").get(0);
        assertThat(dead.path("id").stringValue()).isEqualTo("rec-" + poison + ":1|picky|webhook");
        assertThat(dead.path("reason").stringValue()).isEqualTo("webhook endpoint answered HTTP 422");
        assertThat(dead.path("attempts").intValue()).isEqualTo(MAX_ATTEMPTS);
        for (String entity : others) {
            assertThat(versions("/picky", entity)).containsExactly(1L, 2L);
        }
        assertThat(RECEIVER.all("/picky")).filteredOn(r -> r.headers().get("fillonce-subject")
                .equals("resident/" + TestSubjects.pseudonym("picky", poison)))
                .as("version 2 waits parked behind the dead letter").hasSize(MAX_ATTEMPTS)
                .allMatch(r -> r.headers().get("fillonce-entity-version").equals("1"));
        assertThat(receipts(poison)).filteredOn(r -> r.path("department").stringValue().equals("picky")
                && r.path("version").longValue() == 2).singleElement()
                .satisfies(r -> assertThat(r.path("status").stringValue()).isEqualTo("PENDING"));
    }

    private double failedTries(String department) {
        return meters.find("fillonce.deliveries").tags("department", department, "outcome", "failed").counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    private static String openBreaker(String department) {
        return "resilience4j_circuitbreaker_state{application=\"sync-service\",name=\"webhook-" + department
                + "\",state=\"open\"} 1.0";
    }

    /** Each department's circuit breaker as the flows view reports it. */
    private Map<String, String> breakers() {
        JsonNode flows = JSON.readTree(get("/api/ops/flows").body());
        return flows.path("departments").valueStream().filter(d -> d.path("breaker").isString())
                .collect(Collectors.toMap(d -> d.path("department").stringValue(),
                        d -> d.path("breaker").stringValue()));
    }

    private List<JsonNode> deadLetters(String department) {
        return JSON.readTree(get("/api/ops/dead-letters?department=" + department).body()).path("items").valueStream()
                .toList();
    }

    private List<JsonNode> receipts(String entity) {
        return JSON.readTree(get("/api/ops/receipts/resident/" + entity).body()).path("receipts").valueStream()
                .toList();
    }

    private static List<Long> versions(String path, String entity) {
        return versions(RECEIVER, path, path.substring(1), entity);
    }

    /** The versions of the entity the endpoint answered 2xx for, in arrival order. */
    private static List<Long> versions(WebhookReceiver receiver, String path, String department, String entity) {
        String subject = "resident/" + TestSubjects.pseudonym(department, entity);
        return receiver.delivered(path).stream().filter(r -> r.headers().get("fillonce-subject").equals(subject))
                .map(Received::headers).map(h -> Long.parseLong(h.get("fillonce-entity-version"))).toList();
    }

    private void publishVersions(List<String> entities, int from, int to) {
        IntStream.rangeClosed(from, to).forEach(version -> entities
                .forEach(entity -> publish(RecordEvents.resident(entity, version, "970001"))));
    }

    private static String entity() {
        return "3706021990" + String.format("%08d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000));
    }

    private static Entry department(String code, String url) {
        return new Entry("department/" + code, """
                {"kind": "department", "id": "%s", "revision": 1, "updatedAt": "2026-11-27T08:00:02Z",
                 "state": {"code": "%s", "name": "Department %s", "webhook": %s}}"""
                .formatted(code, code, code, RegistryEntries.webhook(code, url, SECRET)));
    }

    /** The department's subscription to residents by webhook, of the regions starting so (all when null). */
    private static Entry subscription(String department, String regionPrefix) {
        String filter = regionPrefix == null ? "null"
                : "{\"field\": \"/regionCode\", \"startsWith\": " + regionPrefix + "}";
        return RegistryEntries.subscription("sub-" + department, department, "resident",
                "{\"xm\": {\"from\": \"/name\"}}", filter, "[\"webhook\"]");
    }

    private HttpResponse<String> get(String path) {
        return TestHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), ops());
    }

    private void publish(ProducerRecord<String, byte[]> record) {
        TestKafka.publish(broker.getBrokersAsString(), record);
    }
}
