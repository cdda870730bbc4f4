package io.fillonce.sync;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.identity.TestCallers;
import io.fillonce.registryfeed.RegistryTopic;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.registry.RegistryView;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit log, the entity access log and the cadre's receipts end to end: "audited" takes residents by webhook,
 * feed and topic; "refusing"'s webhook answers 500 until its deliveries are dead letters.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "fillonce.sync.webhooks.allow-loopback=true", "fillonce.sync.webhooks.max-attempts=2",
        "fillonce.sync.webhooks.initial-backoff=20ms", "fillonce.sync.webhooks.max-backoff=100ms",
        "fillonce.sync.lanes.idle-poll=100ms"})
@EmbeddedKafka(topics = {RegistryTopic.NAME, Topics.RECORDS}, partitions = 3,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class AuditIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    private static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** Who the contract example says submitted every test record. */

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private RegistryView view;

    @Autowired
    private MongoTemplate mongo;

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
    void registerDepartments() {
        RECEIVER.answer("/refusing", 500);
        for (Entry entry : List.of(department("audited"), department("refusing"),
                RegistryEntries.subscription("sub-audited", "audited", "resident", """
                        {"xm": {"from": "/name"}, "/jzxx/dz": {"from": "/address/line"}}""", "null",
                        "[\"webhook\", \"feed\", \"topic\"]"),
                RegistryEntries.subscription("sub-refusing", "refusing", "resident", "{\"xm\": {\"from\": \"/name\"}}",
                        "{\"field\": \"/regionCode\", \"startsWith\": \"99\"}", "[\"webhook\"]"))) {
            publish(entry.message());
        }
        await().atMost(PATIENCE).until(() -> view.subscriptionsFor("resident").size() == 2
                && view.department("refusing").isPresent());
    }

    @Test
    void everyDepartmentMessageEveryConfirmedWebhookAndEveryFeedReadIsInTheEntitysAccessLogAndTheChainVerifies() {
        String entity = entity("3706");
        publish(RecordEvents.resident(entity, 1, "370602"));
        publish(RecordEvents.resident(entity, 2, "370602"));
        await().atMost(PATIENCE).until(() -> accessLog(entity).size() == 4);

        JsonNode feed = get("/api/feeds/audited?limit=1000", TestCallers.department("audited")).body();
        String pseudonym = TestSubjects.pseudonym("audited", entity);
        long read = feed.get("items").valueStream().filter(i -> i.get("entityKey").stringValue().equals(pseudonym))
                .count();

        await().atMost(PATIENCE).until(() -> accessLog(entity).size() == 6);
        List<JsonNode> log = accessLog(entity);
        assertThat(read).isEqualTo(2);
        assertThat(log).filteredOn(e -> e.get("action").stringValue().equals("DELIVERED"))
                .extracting(e -> e.get("channel").stringValue() + "@" + e.get("version").longValue())
                .containsExactlyInAnyOrder("webhook@1", "webhook@2", "topic@1", "topic@2");
        JsonNode feedRead = log.stream().filter(e -> e.get("action").stringValue().equals("FEED_READ")).findFirst()
                .orElseThrow();
        assertThat(feedRead.get("actor").stringValue()).isEqualTo("department:audited");
        assertThat(feedRead.get("department").stringValue()).isEqualTo("audited");
        assertThat(feedRead.get("purpose").stringValue()).isEqualTo("purpose of sub-audited");
        assertThat(feedRead.get("legalBasis").stringValue()).isEqualTo("legal basis of sub-audited");
        assertThat(feedRead.get("fields").valueStream().map(JsonNode::stringValue))
                .containsExactlyInAnyOrder("/xm", "/jzxx/dz");
        assertThat(log).as("each under the entity, though the department saw only its pseudonym")
                .allSatisfy(e -> assertThat(e.get("keyDisclosed").booleanValue()).isFalse());
        assertThat(log.toString()).doesNotContain("Li Mei").doesNotContain("CANARY");
        JsonNode verified = get("/api/ops/audit/verify", TestCallers.ops()).body();
        assertThat(verified.get("ok").booleanValue()).as(verified.toString()).isTrue();
        assertThat(verified.get("checked").longValue()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void readsTheRoleTableRefusesAreInTheEntitysAccessLogToo() {
        String entity = entity("3706");
        publish(RecordEvents.resident(entity, 1, "370602"));
        await().atMost(PATIENCE).until(() -> accessLog(entity).size() == 2);
        Map<String, String> refusing = TestCallers.department("refusing");

        assertThat(get("/api/prefill/audited/resident/" + entity, refusing).status()).isEqualTo(403);
        assertThat(get("/api/records/resident/" + entity + "/receipts", refusing).status()).isEqualTo(403);
        assertThat(get("/api/ops/receipts/resident/" + entity, refusing).status()).isEqualTo(403);

        await().atMost(PATIENCE).until(() -> accessLog(entity).size() == 5);
        assertThat(accessLog(entity)).filteredOn(e -> e.path("outcome").stringValue("").equals("REFUSED"))
                .extracting(e -> e.get("actor").stringValue() + " " + e.get("action").stringValue())
                .containsExactlyInAnyOrder("department:refusing PREFILL_READ", "department:refusing RECEIPTS_READ",
                        "department:refusing RECEIPTS_READ");
    }

    @Test
    void verificationNamesTheFirstTamperedOrDeletedSequence() {
        String entity = entity("3706");
        publish(RecordEvents.resident(entity, 1, "370602"));
        await().atMost(PATIENCE).until(() -> accessLog(entity).size() == 2);
        long seq = accessLog(entity).get(1).get("seq").longValue();
        Document block = mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("subjects").is("resident/" + entity)),
                Document.class, "audit_log").stream().filter(b -> b.get("_id", Number.class).longValue() <= seq
                        && seq < b.get("_id", Number.class).longValue() + b.get("count", Number.class).longValue())
                .findFirst().orElseThrow();
        long blockId = block.get("_id", Number.class).longValue();
        Document original = Document.parse(block.toJson());
        try {
            block.put("entries", block.getString("entries").replace("\"department\":\"audited\"",
                    "\"department\":\"someone-else\""));
            mongo.save(block, "audit_log");
            JsonNode tampered = get("/api/ops/audit/verify", TestCallers.ops()).body();
            assertThat(tampered.get("ok").booleanValue()).isFalse();
            assertThat(tampered.get("brokenAt").longValue()).isEqualTo(blockId);
            assertThat(tampered.get("problem").stringValue()).isEqualTo("tampered");

            mongo.remove(block, "audit_log");
            JsonNode deleted = get("/api/ops/audit/verify", TestCallers.ops()).body();
            assertThat(deleted.get("ok").booleanValue()).isFalse();
            assertThat(deleted.get("brokenAt").longValue()).isEqualTo(blockId);
            assertThat(deleted.get("problem").stringValue()).isEqualTo("deleted");
        }
        finally {
            mongo.save(original, "audit_log");
        }
        assertThat(get("/api/ops/audit/verify", TestCallers.ops()).body().get("ok").booleanValue()).isTrue();
    }

    @Test
    void theDataSubjectsReportListsEveryDeliveryAndReadForACadreOfTheRegionAndPrints() {
        publish(RegistryEntries.example("registry/record-type-resident.json").message()); // regionField regionCode
        await().atMost(PATIENCE).until(() -> view.regionField("resident").isPresent());
        String entity = entity("3706");
        publish(RecordEvents.resident(entity, 1, "370602"));
        await().atMost(PATIENCE).until(() -> accessLog(entity).size() == 2);
        get("/api/feeds/audited?limit=1000", TestCallers.department("audited"));
        await().atMost(PATIENCE).until(() -> accessLog(entity).size() == 3);
        String path = "/api/records/resident/" + entity + "/access-report";

        Response answer = get(path, TestCallers.cadre("c-3706", "3706"));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode report = answer.body();
        assertThat(report.get("complete").booleanValue()).isTrue();
        assertThat(report.get("generatedBy").stringValue()).isEqualTo("cadre:c-3706");
        assertThat(report.get("accesses").valueStream().map(a -> a.get("action").stringValue() + "/"
                + a.get("department").stringValue() + "/" + a.get("channel").asString("")))
                .containsExactlyInAnyOrder("DELIVERED/audited/topic", "DELIVERED/audited/webhook",
                        "FEED_READ/audited/feed");
        JsonNode audited = report.at("/recipients/0");
        assertThat(audited.get("department").stringValue()).isEqualTo("audited");
        assertThat(audited.get("deliveries").intValue()).isEqualTo(2);
        assertThat(audited.get("reads").intValue()).isEqualTo(1);
        assertThat(audited.get("purposes").valueStream().map(JsonNode::stringValue))
                .containsExactly("purpose of sub-audited");
        assertThat(audited.get("legalBases").valueStream().map(JsonNode::stringValue))
                .containsExactly("legal basis of sub-audited");
        assertThat(audited.get("fields").size()).isEqualTo(2);
        assertThat(report.toString()).as("names of fields, never values").doesNotContain("Li Mei");

        assertThat(get(path, TestCallers.cadre("c-1101", "1101")).status()).as("another region").isEqualTo(404);
        assertThat(get(path, TestCallers.admin()).status()).isEqualTo(200);
        assertThat(get(path, TestCallers.department("audited")).status()).isEqualTo(403);
        HttpResponse<String> page = page(path, TestCallers.admin());
        assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<table>", "audited", "purpose of sub-audited", "legal basis of sub-audited",
                entity).doesNotContain("<script", "Li Mei");
        await().atMost(PATIENCE).until(() -> accessLog(entity).stream()
                .filter(access -> access.get("action").stringValue().equals("REPORT_READ")).count() == 5);
        assertThat(accessLog(entity).stream().filter(access -> access.get("action").stringValue().equals("REPORT_READ"))
                .map(access -> access.get("actor").stringValue() + " " + access.get("outcome").asString("MADE")))
                .as("who asked, refused ones too").containsExactlyInAnyOrder("cadre:c-3706 MADE",
                        "cadre:c-1101 REFUSED", "admin:it MADE", "department:audited REFUSED", "admin:it MADE");
        JsonNode again = get(path, TestCallers.admin()).body();
        assertThat(again.get("accesses").valueStream().filter(a -> a.get("action").stringValue().equals("REPORT_READ"))
                .count()).as("the next report shows who asked before").isEqualTo(3);
    }

    @Test
    void theSubmittingCadreSeesWhichDepartmentGotWhichVersionAndWhichFailedAndWhy() {
        String entity = entity("9906");
        publish(RecordEvents.resident(entity, 1, "990602"));
        String path = "/api/records/resident/" + entity + "/receipts";
        await().atMost(PATIENCE).until(() -> get(path, submitter()).body().get("receipts").valueStream()
                .anyMatch(r -> r.get("status").stringValue().equals("DEAD")));

        JsonNode receipts = get(path, submitter()).body().get("receipts");
        assertThat(receipts.valueStream().map(r -> r.get("department").stringValue() + "/"
                + r.get("channel").stringValue() + "@" + r.get("version").longValue() + ":"
                + r.get("status").stringValue())).containsExactlyInAnyOrder("audited/feed@1:DELIVERED",
                        "audited/topic@1:DELIVERED", "audited/webhook@1:DELIVERED", "refusing/webhook@1:DEAD");
        JsonNode dead = receipts.valueStream().filter(r -> r.get("department").stringValue().equals("refusing"))
                .findFirst().orElseThrow();
        assertThat(dead.get("reason").stringValue()).contains("HTTP 500");
        assertThat(receipts.toString()).doesNotContain("Li Mei").doesNotContain("payload").doesNotContain("sha256");
    }

    @Test
    void receiptsAreForTheSubmittingCadreOnly() {
        String entity = entity("3706");
        publish(RecordEvents.resident(entity, 1, "370602"));
        String path = "/api/records/resident/" + entity + "/receipts";
        await().atMost(PATIENCE).until(() -> get(path, submitter()).status() == 200);

        assertThat(get(path, TestCallers.cadre("c-0002", "370602")).status()).isEqualTo(404);
        assertThat(get("/api/records/resident/" + entity("3706") + "/receipts", submitter()).status()).isEqualTo(404);
        assertThat(get(path, TestCallers.department("audited")).status()).isEqualTo(403);
        assertThat(get(path, TestCallers.ops()).status()).isEqualTo(403);
        assertThat(get(path, TestCallers.admin()).status()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> accessLog(entity).stream()
                .filter(access -> access.get("action").stringValue().equals("RECEIPTS_READ")).count() >= 3);
        assertThat(accessLog(entity).stream().filter(access -> access.get("action").stringValue()
                .equals("RECEIPTS_READ")).map(access -> access.get("actor").stringValue() + " "
                        + (access.hasNonNull("outcome") ? access.get("outcome").stringValue() : "served")))
                .contains("cadre:c-0002 REFUSED", "admin:it served", "cadre:c-0001 served");
    }

    /**
     * A department asking for an entity it has nothing of is audited with why not; one asking for another
     * department's prefill is refused by the shared role table before any data is looked at.
     */
    @Test
    void missingPrefillsAreAuditedTooAndAnotherDepartmentsAreRefusedUpFrontAndAudited() {
        String entity = entity("3707");
        assertThat(get("/api/prefill/audited/resident/" + entity, TestCallers.department("refusing")).status())
                .isEqualTo(403);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Response missing = get("/api/prefill/audited/resident/" + entity, TestCallers.department("audited"));
            assertThat(missing.status()).as(String.valueOf(missing.body())).isEqualTo(404); // 503 while starting
        });

        await().atMost(PATIENCE).until(() -> accessLog(entity).size() == 2);
        assertThat(accessLog(entity)).extracting(access -> access.get("action").stringValue() + " "
                + access.get("actor").stringValue() + " " + access.get("outcome").stringValue())
                .containsExactly("PREFILL_READ department:refusing REFUSED",
                        "PREFILL_READ department:audited NOT_FOUND");
        assertThat(get("/api/ops/audit/verify", TestCallers.ops()).body().get("ok").booleanValue()).isTrue();
    }

    @Test
    void auditEndpointsNeedAnOperatorAndValidRanges() {
        assertThat(get("/api/ops/audit/verify", TestCallers.cadre("c-0001", "370602")).status()).isEqualTo(403);
        assertThat(get("/api/ops/audit/entities/resident/x", TestCallers.department("audited")).status())
                .isEqualTo(403);
        Response bad = get("/api/ops/audit/verify?from=0", TestCallers.ops());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").get(0).get("pointer").stringValue()).isEqualTo("from");
        assertThat(get("/api/ops/audit/verify?from=5&to=2", TestCallers.ops()).status()).isEqualTo(400);
        Response badLimit = get("/api/ops/audit/entities/resident/x?limit=0", TestCallers.ops());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().at("/errors/0/pointer").stringValue()).isEqualTo("limit");
        assertThat(badLimit.body().at("/errors/0/rule").stringValue()).isEqualTo("minimum");
        assertThat(get("/api/ops/audit/entities/resident/x?after=first", TestCallers.ops()).body()
                .at("/errors/0/pointer").stringValue()).isEqualTo("after");
    }

    private List<JsonNode> accessLog(String entity) {
        return get("/api/ops/audit/entities/resident/" + entity + "?limit=1000", TestCallers.ops()).body()
                .get("items").valueStream().toList();
    }

    private record Response(int status, JsonNode body) {
    }

    private Response get(String path, Map<String, String> caller) {
        HttpResponse<String> response = TestHttp.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)), caller);
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    /** The answer to a browser (Accept: text/html). */
    private HttpResponse<String> page(String path, Map<String, String> caller) {
        return TestHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html"), caller);
    }

    private void publish(ProducerRecord<String, byte[]> record) {
        TestKafka.publish(broker.getBrokersAsString(), record);
    }

    private static Entry department(String code) {
        return new Entry("department/" + code, """
                {"kind": "department", "id": "%s", "revision": 1, "updatedAt": "2026-11-27T08:00:02Z",
                 "state": {"code": "%s", "name": "Department %s",
                           "webhook": %s}}"""
                .formatted(code, code, code, RegistryEntries.webhook(code, RECEIVER.url("/" + code), SECRET)));
    }

    private static String entity(String region) {
        return region + "021990" + String.format("%08d",
                Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000));
    }

    /** A fresh token each time: identity tokens live 60 s, longer than this class may run. */
    private static Map<String, String> submitter() {
        return TestCallers.cadre("c-0001", "370602");
    }
}
