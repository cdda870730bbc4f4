package io.fillonce.sync;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.identity.TestCallers;
import io.fillonce.registryfeed.RegistryTopic;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.WebhookReceiver.Received;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.webhook.StandardWebhooksVerifier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.fillonce.identity.TestCallers.admin;
import static io.fillonce.identity.TestCallers.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The onboarding kit on the in-process broker with the real fan-out, webhook worker and feed: a department reads its
 * own kit only, what it really receives fits the kit's payload schema, and a test event it asks for reaches its
 * topic (committed), its webhook (signed) and its feed, without being audited or counted as a delivery.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "fillonce.sync.webhooks.allow-loopback=true", "fillonce.sync.flows.refresh=300ms"})
@EmbeddedKafka(topics = {RegistryTopic.NAME, Topics.RECORDS}, partitions = 3,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class KitIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    private static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String DEPARTMENT = "kit-office";

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private RegistryView view;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("spring.mongodb.uri", () -> MONGO_URI);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @BeforeEach
    void registerTheDepartment() {
        for (Entry entry : List.of(RegistryEntries.example("registry/record-type-resident.json"),
                new Entry("department/" + DEPARTMENT, """
                        {"kind": "department", "id": "%s", "revision": 1, "updatedAt": "2026-11-27T08:00:02Z",
                         "state": {"code": "%s", "name": "Kit Office", "webhook": %s}}"""
                        .formatted(DEPARTMENT, DEPARTMENT, RegistryEntries.webhook(DEPARTMENT, RECEIVER.url("/kit"),
                                SECRET))),
                RegistryEntries.department("other-office"),
                RegistryEntries.subscription("sub-kit", DEPARTMENT, "resident", """
                        {"xm": {"from": "/name"},
                         "/lx/sj": {"from": "/phone", "transform": "mask", "keepPrefix": 3, "keepSuffix": 4}}""",
                        "null", "[\"webhook\", \"feed\", \"topic\"]"))) {
            publish(entry.message());
        }
        await().atMost(PATIENCE).until(() -> view.subscription("sub-kit").isPresent()
                && view.recordSchema("resident").isPresent() && view.department("other-office").isPresent());
    }

    @Test
    void aDepartmentReadsOnlyItsOwnKitAndWhatItReceivesFitsItsPayloadSchema() {
        HttpResponse<String> kit = get("/api/kit/" + DEPARTMENT, TestCallers.department(DEPARTMENT));
        assertThat(kit.statusCode()).as(kit.body()).isEqualTo(200);
        assertThat(get("/api/kit/" + DEPARTMENT, TestCallers.department("other-office")).statusCode()).isEqualTo(403);
        assertThat(get("/api/kit/" + DEPARTMENT + "/kit.zip", TestCallers.department("other-office")).statusCode())
                .isEqualTo(403);
        assertThat(post("/api/kit/" + DEPARTMENT + "/test-event", TestCallers.department("other-office"))
                .statusCode()).isEqualTo(403);
        assertThat(get("/api/kit/" + DEPARTMENT, admin()).statusCode()).isEqualTo(200);
        assertThat(get("/api/kit/" + DEPARTMENT, ops()).statusCode()).isEqualTo(403);
        JsonNode schema = JSON.readTree(kit.body()).at("/subscriptions/0/payloadSchema");

        String entity = "3706021990" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits()
                % 100_000_000));
        publish(RecordEvents.resident(entity, 1, "370602"));
        await().atMost(PATIENCE).until(() -> !RECEIVER.delivered("/kit").isEmpty());

        var validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        JsonNode posted = JSON.readTree(RECEIVER.delivered("/kit").get(0).body());
        assertThat(validator.validate(posted)).as(posted.toString()).isEmpty();
        JsonNode onTopic = JSON.readTree(topic(m -> header(m, "ce_type").equals("fillonce.record.shared")).value());
        assertThat(validator.validate(onTopic)).isEmpty();
        JsonNode fed = feed().valueStream().filter(i -> "fillonce.record.shared".equals(i.path("event").asString()))
                .findFirst().orElseThrow().get("data");
        assertThat(validator.validate(fed)).isEmpty();
        assertThat(validator.validate(JSON.readTree("{\"xm\": \"Li Mei\", \"lx\": {\"sj\": \"138****1234\"}, "
                + "\"gender\": \"F\"}"))).isNotEmpty();
    }

    @Test
    void aTestEventReachesTheTopicTheWebhookAndTheFeedWithoutCountingAsADelivery() {
        HttpResponse<String> sent = post("/api/kit/" + DEPARTMENT + "/test-event", TestCallers.department(DEPARTMENT));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(sent.body());
        String id = answer.get("id").asString();
        assertThat(answer.get("type").asString()).isEqualTo("fillonce.test");
        assertThat(answer.get("channels").valueStream().map(c -> c.get("channel").asString()))
                .containsExactly("topic", "feed", "webhook");

        ConsumerRecord<String, String> onTopic = topic(m -> header(m, "ce_id").equals(id));
        assertThat(header(onTopic, "ce_type")).isEqualTo("fillonce.test");
        assertThat(onTopic.key()).startsWith("test/");
        await().atMost(PATIENCE).until(() -> posted(id) != null);
        Received posted = posted(id);
        assertThat(posted.headers()).containsEntry("fillonce-type", "fillonce.test")
                .doesNotContainKey("fillonce-subscription");
        assertThat(StandardWebhooksVerifier.verifies(SECRET, posted.headers(), posted.body())).isTrue();
        assertThat(JSON.readTree(posted.body()).get("test").asBoolean()).isTrue();
        JsonNode item = feed().valueStream().filter(i -> i.path("id").asString().equals(id)).findFirst()
                .orElseThrow();
        assertThat(item.get("event").asString()).isEqualTo("fillonce.test");
        assertThat(item.at("/data/test").asBoolean()).isTrue();

        long records = RECEIVER.delivered("/kit").stream()
                .filter(r -> !"fillonce.test".equals(r.headers().get("fillonce-type"))).count();
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).untilAsserted(() -> assertThat(
                webhookDeliveriesCounted()).as("the flow counts the records' posts, never the test's")
                .isEqualTo(records));
    }

    /** What the flows view counts as confirmed webhook deliveries to the department. */
    private long webhookDeliveriesCounted() {
        JsonNode flows = JSON.readTree(get("/api/ops/flows", ops()).body());
        return flows.path("flows").valueStream().filter(f -> DEPARTMENT.equals(f.path("department").asString())
                && "webhook".equals(f.path("channel").asString())).mapToLong(f -> f.path("delivered").asLong(0)).sum();
    }

    private Received posted(String id) {
        return RECEIVER.delivered("/kit").stream().filter(r -> id.equals(r.headers().get("webhook-id"))).findFirst()
                .orElse(null);
    }

    private JsonNode feed() {
        HttpResponse<String> page = get("/api/feeds/" + DEPARTMENT + "?limit=1000",
                TestCallers.department(DEPARTMENT));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return JSON.readTree(page.body()).get("items");
    }

    /** The first message on the department's topic that {@code wanted}, read committed as departments must. */
    private ConsumerRecord<String, String> topic(java.util.function.Predicate<ConsumerRecord<String, String>> wanted) {
        return TestKafka.readCommitted(broker.getBrokersAsString(), Topics.department(DEPARTMENT), wanted, 1,
                PATIENCE, Duration.ZERO).get(0);
    }

    private static String header(ConsumerRecord<?, ?> message, String name) {
        var header = message.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return TestHttp.send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    private HttpResponse<String> post(String path, Map<String, String> headers) {
        return TestHttp.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void publish(ProducerRecord<String, byte[]> record) {
        TestKafka.publish(broker.getBrokersAsString(), record);
    }
}
