package io.fillonce.sync;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.contracts.Contracts;
import io.fillonce.identity.TestCallers;
import io.fillonce.registryfeed.RegistryTopic;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.WebhookReceiver.Received;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.webhook.StandardWebhooksVerifier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.fillonce.identity.TestCallers.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook, feed and topic channels together on the in-process KRaft broker and the in-memory MongoDB wire server
 * (department topics read as departments must read them: committed messages only):
 * "veterans" takes every resident by webhook, feed and topic, under its pseudonyms; "registrar" those of region
 * 3706 the same ways, but its subscription discloses the key (subjects CLEAR); "broken"'s webhook answers 500 for
 * the whole run; "flaky"'s webhook (residents of region 99...) fails or succeeds as a test says.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "fillonce.sync.webhooks.allow-loopback=true", "fillonce.sync.webhooks.max-attempts=3",
        "fillonce.sync.webhooks.initial-backoff=20ms", "fillonce.sync.webhooks.max-backoff=200ms",
        "fillonce.sync.webhooks.breaker-wait=300ms", "fillonce.sync.flows.refresh=500ms",
        "fillonce.sync.alerts.every=300ms", "fillonce.sync.alerts.failing-for=0s"})
@EmbeddedKafka(topics = {RegistryTopic.NAME, Topics.RECORDS}, partitions = 3,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ChannelsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    private static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    private static final String CURRENT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String PREVIOUS = "whsec_dGhlIHByZXZpb3VzIHNlY3JldCBvZiB0aGlzIHRlc3Q=";

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
    void registerDepartments() {
        RECEIVER.answer("/broken", 500);
        RECEIVER.answer("/gone", 410);
        send(List.of(department("gone", "/gone", CURRENT),
                RegistryEntries.subscription("sub-gone", "gone", "resident", "{\"xm\": {\"from\": \"/name\"}}",
                        "{\"field\": \"/regionCode\", \"startsWith\": \"98\"}", "[\"webhook\"]"),
                department("veterans", "/veterans", CURRENT, PREVIOUS), department("broken", "/broken", CURRENT),
                department("flaky", "/flaky", CURRENT),
                RegistryEntries.subscription("sub-veterans", "veterans", "resident", """
                        {"xm": {"from": "/name"},
                         "sj": {"from": "/phone", "transform": "mask", "keepPrefix": 3, "keepSuffix": 4}}""",
                        "null", "[\"webhook\", \"feed\", \"topic\"]"),
                RegistryEntries.subscription("sub-broken", "broken", "resident", "{\"xm\": {\"from\": \"/name\"}}",
                        "null", "[\"webhook\"]"),
                RegistryEntries.subscription("sub-flaky", "flaky", "resident", "{\"xm\": {\"from\": \"/name\"}}",
                        "{\"field\": \"/regionCode\", \"startsWith\": \"99\"}", "[\"webhook\"]"),
                department("registrar", "/registrar", CURRENT),
                RegistryEntries.subscription("sub-registrar", "registrar", "resident", """
                        {"sfzh": {"from": "/idNumber"}, "xm": {"from": "/name"}}""",
                        "{\"field\": \"/regionCode\", \"startsWith\": \"3706\"}",
                        "[\"webhook\", \"feed\", \"topic\"]", "CLEAR")));
        await().atMost(PATIENCE).until(() -> view.subscriptionsFor("resident").size() >= 5
                && view.department("veterans").isPresent() && view.department("registrar").isPresent());
    }

    @Test
    void oneFailingDepartmentDoesNotHoldUpAnotherWhichGetsEveryVersionInOrderOnEveryChannel() {
        long start = System.nanoTime();
        List<String> entities = List.of(entity(), entity(), entity());
        for (int version = 1; version <= 4; version++) {
            for (String entity : entities) {
                publish(RecordEvents.resident(entity, version, "370602"));
            }
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> entities.stream()
                .allMatch(e -> webhookVersions("/veterans", e).size() == 4 && feedVersions("veterans", e).size() == 4));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        for (String entity : entities) {
            assertThat(webhookVersions("/veterans", entity)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(feedVersions("veterans", entity)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(topicMessages("veterans", entity, 4)).extracting(m -> header(m, "ce_entityversion"))
                    .containsExactly("1", "2", "3", "4");
        }
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        await().atMost(PATIENCE).until(() -> !deadLetters("broken").isEmpty());
        assertThat(RECEIVER.all("/broken")).isNotEmpty().allMatch(r -> r.status() == 500);
        assertThat(deadLetters("veterans")).isEmpty();
    }

    @Test
    void aSubmissionsTraceContinuesToTheDepartmentsTopicAndWebhook() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String intakeSpan = "00f067aa0ba902b7";
        String entity = entity();
        ProducerRecord<String, byte[]> event = RecordEvents.resident(entity, 1, "370602");
        event.headers().add("ce_traceparent", ("00-" + traceId + "-" + intakeSpan + "-01")
                .getBytes(StandardCharsets.US_ASCII));
        publish(event);

        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() == 1);
        String onTopic = header(topicMessages("veterans", entity, 1).get(0), "ce_traceparent");
        assertThat(onTopic).as("the fan-out's span, in the submission's trace")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain(intakeSpan);
        String toWebhook = requests("/veterans", entity).get(0).headers().get("traceparent");
        assertThat(toWebhook).as("the webhook delivery's span, in the same trace")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01").isNotEqualTo(onTopic);
        assertThat(receipts(entity)).as("the operator's receipts link the version to its trace").isNotEmpty()
                .allSatisfy(receipt -> assertThat(receipt.path("traceId").stringValue()).isEqualTo(traceId));
    }

    @Test
    void flowsCountConfirmedDeliveriesAndAFailingWebhookOpensItsAlert() {
        String entity = entity();
        publish(RecordEvents.resident(entity, 1, "370602"));
        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() == 1
                && !deadLetters("broken").isEmpty());

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode flows = JSON.readTree(get("/api/ops/flows", ops()).body());
            JsonNode veterans = flow(flows, "veterans", "webhook");
            assertThat(veterans.path("delivered").longValue()).isPositive();
            assertThat(veterans.path("lastDelivery").isString()).isTrue();
            assertThat(veterans.path("health").stringValue()).isEqualTo("OK");
            assertThat(flow(flows, "veterans", "topic").path("delivered").longValue()).isPositive();
            JsonNode broken = flow(flows, "broken", "webhook");
            assertThat(broken.path("delivered").longValue()).isZero();
            assertThat(broken.path("failed").longValue()).isPositive();
            assertThat(broken.path("health").stringValue()).isEqualTo("FAILING");
            assertThat(broken.path("lagMessages").isNumber()).as("the worker's group is behind its topic").isTrue();
            assertThat(flows.path("totals").path("deadLetters").longValue()).isPositive();
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode alerts = JSON.readTree(get("/api/ops/alerts", ops()).body()).path("alerts");
            assertThat(alerts.valueStream().filter(a -> a.path("rule").stringValue()
                    .equals("FillOnceDepartmentFailing") && a.path("labels").path("department").stringValue()
                    .equals("broken"))).singleElement().satisfies(alert -> {
                        assertThat(alert.path("state").stringValue()).isEqualTo("FIRING");
                        assertThat(alert.path("since").isString()).isTrue();
                    });
            assertThat(alerts.valueStream().map(a -> a.path("labels").path("department").stringValue()))
                    .doesNotContain("veterans");
        });
        assertThat(get("/api/ops/flows", TestCallers.department("veterans")).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", Map.of()).body())
                .contains("fillonce_deliveries_total{application=\"sync-service\",channel=\"webhook\","
                        + "department=\"veterans\",outcome=\"delivered\",type=\"resident\"}")
                .contains("fillonce_deliveries_total{application=\"sync-service\",channel=\"webhook\","
                        + "department=\"broken\",outcome=\"dead-lettered\",type=\"resident\"}")
                .contains("fillonce_webhook_latency_seconds_bucket{application=\"sync-service\","
                        + "department=\"veterans\"")
                .contains("resilience4j_circuitbreaker_state{application=\"sync-service\",name=\"webhook-broken\"")
                .contains("fillonce_consumer_running{application=\"sync-service\",channel=\"webhook\","
                        + "department=\"veterans\"} 1.0")
                .contains("fillonce_fanout_records_total{application=\"sync-service\",type=\"resident\"}")
                .contains("fillonce_dead_letters_open{application=\"sync-service\",department=\"broken\"}")
                .contains("fillonce_registry_view_age_seconds{application=\"sync-service\"}")
                .contains("fillonce_fanout_running{application=\"sync-service\"} 1.0");
    }

    @Test
    void theBurdenLedgerCreditsEachFormOnceToItsSubmitterAndEqualsTheMappedFieldsTheAuditLogConfirms() {
        send(List.of(RegistryEntries.department("census"), RegistryEntries.subscription("sub-census", "census",
                "resident", "{\"xm\": {\"from\": \"/name\"}}", "null", "[\"feed\"]")));
        await().atMost(PATIENCE).until(() -> view.subscription("sub-census").isPresent());
        String cadreId = "c-" + UUID.randomUUID();
        String cadre = "cadre:" + cadreId;
        String entity = entity();
        publish(RecordEvents.residentBy(cadre, entity, 1, "370602"));
        publish(RecordEvents.residentBy(cadre, entity, 2, "370602"));
        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() == 2
                && feedVersions("census", entity).size() == 2); // the read confirms census's copies

        Map<String, String> firstChannel = Map.of("veterans", "topic", "registrar", "topic", "census", "feed");
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, List<Long>> ledger = burdenByDepartment(cadre);
            assertThat(ledger).containsExactlyInAnyOrderEntriesOf(Map.of("veterans", List.of(2L, 4L),
                    "registrar", List.of(2L, 4L), "census", List.of(2L, 2L)));
            Map<String, List<Long>> audited = confirmedFieldsInTheAuditLog(cadre);
            firstChannel.forEach((department, channel) -> assertThat(ledger.get(department)).as(department)
                    .isEqualTo(audited.get(department + "|" + channel)));
            assertThat(audited.get("veterans|webhook")).as("the webhook's confirmations name the submitter too, "
                    + "but the topic counted these forms").isEqualTo(List.of(2L, 4L));
            JsonNode mine = JSON.readTree(get("/api/burden/mine", TestCallers.cadre(cadreId, "3706")).body());
            assertThat(mine.path("forms").longValue()).isEqualTo(6);
            assertThat(mine.path("fields").longValue()).isEqualTo(10);
            assertThat(mine.path("days").get(29).path("forms").longValue()).isEqualTo(6);
        });
        assertThat(topicMessages("veterans", entity, 2)).allSatisfy(message -> assertThat(headerText(message))
                .contains("ce_sealedsubmitter").doesNotContain(cadre));
        assertThat(get("/api/ops/burden", TestCallers.cadre(cadreId, "3706")).statusCode()).isEqualTo(403);
        assertThat(get("/api/ops/burden?by=nobody", ops()).statusCode()).isEqualTo(400);
        assertThat(get("/api/ops/burden?from=2026-13-01", ops()).statusCode()).isEqualTo(400);
    }

    /** The ledger's forms and fields credited to {@code cadre}, by department, as ops read them. */
    private Map<String, List<Long>> burdenByDepartment(String cadre) {
        JsonNode burden = JSON.readTree(get("/api/ops/burden?by=cadre,department", ops()).body());
        return burden.path("rows").valueStream().filter(row -> row.path("cadre").stringValue().equals(cadre))
                .collect(Collectors.toMap(row -> row.path("department").stringValue(),
                        row -> List.of(row.path("forms").longValue(), row.path("fields").longValue())));
    }

    /**
     * Read independently of the ledger, from the hash-chained audit log's blocks: per department and channel, the
     * confirmed deliveries of versions {@code cadre} submitted that carried data, and the fields they filled.
     */
    private static Map<String, List<Long>> confirmedFieldsInTheAuditLog(String cadre) {
        Map<String, List<Long>> confirmed = new TreeMap<>();
        try (MongoClient client = MongoClients.create(MONGO_URI)) {
            for (Document block : client.getDatabase("fillonce-sync").getCollection("audit_log").find()) {
                if (!(block.get("entries") instanceof String entries)) {
                    continue;
                }
                JSON.readTree(entries).valueStream().filter(event -> cadre.equals(event.path("submittedBy")
                        .asString()) && event.path("outcome").isMissingNode()).forEach(event ->
                        event.path("recipients").valueStream().filter(r -> !r.path("fields").isEmpty())
                                .forEach(r -> confirmed.merge(r.path("department").stringValue() + "|"
                                        + event.path("channel").stringValue(), List.of(1L,
                                        (long) r.path("fields").size()), (a, b) -> List.of(a.get(0) + b.get(0),
                                        a.get(1) + b.get(1)))));
            }
        }
        return confirmed;
    }

    private static JsonNode flow(JsonNode flows, String department, String channel) {
        return flows.path("flows").valueStream().filter(f -> f.path("department").stringValue().equals(department)
                && f.path("channel").stringValue().equals(channel)).findFirst().orElseThrow(
                        () -> new AssertionError("no flow " + department + "/" + channel + " in " + flows));
    }

    @Test
    void canaryValuesInUnmappedFieldsNeverLeaveOnAnyChannel() {
        String entity = entity();
        publish(RecordEvents.resident(entity, 1, "370602"));

        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() == 1
                && feedVersions("veterans", entity).size() == 1);

        Received webhook = requests("/veterans", entity).get(0);
        assertThat(JSON.readTree(webhook.body())).isEqualTo(JSON.readTree("""
                {"xm": "Li Mei", "sj": "138****1234"}"""));
        assertThat(webhook.text() + webhook.headers()).doesNotContain("CANARY");
        assertThat(get("/api/feeds/veterans?limit=1000", TestCallers.department("veterans")).body())
                .doesNotContain("CANARY");
        ConsumerRecord<String, String> message = topicMessages("veterans", entity, 1).get(0);
        assertThat(message.value() + headerText(message)).doesNotContain("CANARY");
    }

    @Test
    void anEntityThatLeavesTheFilterIsWithdrawnOnEveryChannelWithoutData() {
        String entity = entity();
        publish(RecordEvents.resident(entity, 1, "370602"));
        publish(RecordEvents.resident(entity, 2, "110101")); // moved out of registrar's region

        await().atMost(PATIENCE).until(() -> webhookVersions("/registrar", entity).size() == 2
                && feedVersions("registrar", entity).size() == 2);

        Received notice = requests("/registrar", entity).get(1);
        assertThat(notice.headers()).containsEntry("fillonce-type", "fillonce.record.withdrawn")
                .containsEntry("fillonce-entity-version", "2");
        assertThat(notice.body()).isEmpty();
        assertThat(StandardWebhooksVerifier.verifies(CURRENT, notice.headers(), notice.body())).isTrue();
        assertThat(requests("/registrar", entity).get(0).headers())
                .containsEntry("fillonce-type", "fillonce.record.shared");
        JsonNode item = feedItems("registrar", entity).get(1);
        assertThat(item.path("event").stringValue()).isEqualTo("fillonce.record.withdrawn");
        assertThat(item.has("data")).isFalse();
        ConsumerRecord<String, String> message = topicMessages("registrar", entity, 2).get(1);
        assertThat(header(message, "ce_type")).isEqualTo("fillonce.record.withdrawn");
        assertThat(message.value()).isNull();
        assertThat(webhookVersions("/veterans", entity)).as("veterans has no filter").hasSize(2);
    }

    @Test
    void aSuspendedSubscriptionCatchesUpInOrderOnResumeAndAnEndedOneSaysSoOnEveryChannelThenFallsSilent() {
        Entry subscription = RegistryEntries.subscription("sub-pausing", "pausing", "resident",
                "{\"xm\": {\"from\": \"/name\"}}", "null", "[\"webhook\", \"feed\", \"topic\"]");
        send(List.of(department("pausing", "/pausing", CURRENT), subscription));
        String entity = entity();
        await().atMost(PATIENCE).until(() -> view.subscription("sub-pausing").isPresent());
        publish(RecordEvents.resident(entity, 1, "370602"));
        await().atMost(PATIENCE).until(() -> webhookVersions("/pausing", entity).size() == 1);

        send(List.of(subscription.inStatus("SUSPENDED", Instant.now(), 2)));
        await().atMost(PATIENCE).until(() -> view.subscription("sub-pausing").orElseThrow().suspended());
        publish(RecordEvents.resident(entity, 2, "370602"));
        publish(RecordEvents.resident(entity, 3, "370602"));
        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() == 3);
        assertThat(webhookVersions("/pausing", entity)).as("nothing while suspended").containsExactly(1L);
        assertThat(feedVersions("pausing", entity)).containsExactly(1L);
        assertThat(topicMessagesNow("pausing", "read_committed")).filteredOn(m -> m.key().endsWith(
                keySeenBy("pausing", entity))).hasSize(1);

        send(List.of(subscription.inStatus("ACTIVE", Instant.now(), 3)));
        await().atMost(PATIENCE).until(() -> webhookVersions("/pausing", entity).size() == 3);
        assertThat(webhookVersions("/pausing", entity)).as("every missed version, in order")
                .containsExactly(1L, 2L, 3L);
        assertThat(feedVersions("pausing", entity)).containsExactly(1L, 2L, 3L);
        assertThat(requests("/pausing", entity).get(0).headers()).containsEntry("fillonce-subscription-version", "1");
        assertThat(feedItems("pausing", keySeenBy("pausing", entity)).get(0).path("subscriptionVersion").intValue())
                .isEqualTo(1);
        assertThat(topicMessages("pausing", entity, 3)).extracting(m -> header(m, "ce_entityversion"))
                .containsExactly("1", "2", "3");

        send(List.of(subscription.inStatus("ENDED", Instant.now(), 4)));
        await().atMost(PATIENCE).until(() -> RECEIVER.delivered("/pausing").stream()
                .anyMatch(r -> "fillonce.subscription.ended".equals(r.headers().get("fillonce-type"))));
        publish(RecordEvents.resident(entity, 4, "370602"));
        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() == 4);

        List<Received> pausing = RECEIVER.delivered("/pausing");
        Received ended = pausing.get(pausing.size() - 1);
        assertThat(ended.headers()).containsEntry("fillonce-type", "fillonce.subscription.ended")
                .containsEntry("fillonce-subject", "subscription/sub-pausing")
                .containsEntry("fillonce-subscription", "sub-pausing").doesNotContainKey("fillonce-entity-version");
        assertThat(ended.body()).isEmpty();
        assertThat(StandardWebhooksVerifier.verifies(CURRENT, ended.headers(), ended.body())).isTrue();
        assertThat(webhookVersions("/pausing", entity)).as("nothing after the end").containsExactly(1L, 2L, 3L);
        JsonNode feed = JSON.readTree(get("/api/feeds/pausing?limit=1000", TestCallers.department("pausing")).body());
        assertThat(feed.path("items").valueStream().map(i -> i.path("event").stringValue()))
                .as("the feed serves an ended subscription's notice only")
                .containsExactly("fillonce.subscription.ended");
        List<ConsumerRecord<String, String>> topic = topicMessagesNow("pausing", "read_committed").stream()
                .filter(m -> m.key().endsWith(keySeenBy("pausing", entity)) || m.key().startsWith("subscription/"))
                .toList();
        assertThat(topic).extracting(m -> header(m, "ce_type")).containsExactlyInAnyOrder("fillonce.record.shared",
                "fillonce.record.shared", "fillonce.record.shared", "fillonce.subscription.ended");
        assertThat(topic).filteredOn(m -> header(m, "ce_type").equals("fillonce.subscription.ended"))
                .singleElement().satisfies(m -> assertThat(m.key()).isEqualTo("subscription/sub-pausing"));
    }

    @Test
    void theEntityKeyLeavesOnNoChannelUnlessTheSubscriptionDisclosesIt() {
        String entity = entity();
        String recordId = "rec-" + UUID.randomUUID(); // as intake makes them: nothing of the key in the event ids
        publish(RecordEvents.resident(entity, 1, "370602", recordId));
        publish(RecordEvents.resident(entity, 2, "370602", recordId));

        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() == 2
                && webhookVersions("/registrar", entity).size() == 2 && feedVersions("registrar", entity).size() == 2);

        String pseudonym = TestSubjects.pseudonym("veterans", entity);
        assertThat(pseudonym).matches("[0-9a-f]{64}").isNotEqualTo(TestSubjects.pseudonym("registrar", entity));
        for (Received webhook : requests("/veterans", entity)) {
            assertThat(webhook.headers()).containsEntry("fillonce-subject", "resident/" + pseudonym);
            assertThat(webhook.text() + webhook.headers()).doesNotContain(entity);
        }
        List<JsonNode> items = feedItems("veterans", pseudonym);
        assertThat(items).hasSize(2).allSatisfy(i -> assertThat(i.toString()).doesNotContain(entity));
        for (ConsumerRecord<String, String> message : topicMessages("veterans", entity, 2)) {
            assertThat(message.key()).isEqualTo("resident/" + pseudonym);
            assertThat(message.value() + headerText(message)).doesNotContain(entity);
        }
        assertThat(requests("/registrar", entity)).hasSize(2).allSatisfy(r -> assertThat(r.headers())
                .containsEntry("fillonce-subject", "resident/" + entity));
        assertThat(feedItems("registrar", entity)).hasSize(2);
        assertThat(topicMessages("registrar", entity, 2)).allSatisfy(m -> assertThat(headerText(m))
                .doesNotContain("ce_sealedentity"));
        JsonNode prefill = JSON.readTree(get("/api/prefill/veterans/resident/" + entity,
                TestCallers.department("veterans")).body());
        assertThat(prefill.at("/subscriptions/0/subject").stringValue()).as("the clear key it holds finds the "
                + "entity, named as its messages name it").isEqualTo("resident/" + pseudonym);
    }

    @Test
    void signsEveryWebhookSoAnIndependentVerifierAcceptsItWithEitherSecret() {
        String entity = entity();
        publish(RecordEvents.resident(entity, 1, "370602"));
        publish(RecordEvents.resident(entity, 2, "370602"));

        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() == 2);

        for (Received request : requests("/veterans", entity)) {
            assertThat(StandardWebhooksVerifier.verifies(CURRENT, request.headers(), request.body())).isTrue();
            assertThat(StandardWebhooksVerifier.verifies(PREVIOUS, request.headers(), request.body())).isTrue();
            assertThat(request.headers().get("webhook-signature").split(" ")).hasSize(2);
            assertThat(request.headers().get("webhook-id")).isEqualTo("rec-" + entity + ":"
                    + request.headers().get("fillonce-entity-version"));
            assertThat(URLDecoder.decode(request.headers().get("fillonce-purpose"), StandardCharsets.UTF_8))
                    .isEqualTo("purpose of sub-veterans");
            assertThat(request.headers()).containsEntry("fillonce-subscription", "sub-veterans")
                    .containsKey("fillonce-legal-basis").containsEntry("content-type", "application/json");
        }
    }

    @Test
    void aVersionConsumedAgainIsNotDeliveredAgainEvenUnderAnotherEventId() {
        String entity = entity();
        publish(RecordEvents.resident(entity, 1, "370602"));
        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() == 1);

        publish(RecordEvents.resident(entity, 1, "370602"));
        ProducerRecord<String, byte[]> sameVersionOtherId = RecordEvents.resident(entity, 1, "370602");
        sameVersionOtherId.headers().remove("ce_id").add("ce_id", ("other-" + entity + ":1").getBytes());
        publish(sameVersionOtherId);
        publish(RecordEvents.resident(entity, 2, "370602"));
        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", entity).size() >= 2);

        assertThat(requests("/veterans", entity)).extracting(r -> r.headers().get("webhook-id"))
                .containsExactly("rec-" + entity + ":1", "rec-" + entity + ":2");
        assertThat(topicMessages("veterans", entity, 2)).extracting(m -> header(m, "ce_id"))
                .containsExactly("rec-" + entity + ":1", "rec-" + entity + ":2");
        assertThat(receipts(entity)).filteredOn(r -> r.path("department").stringValue().equals("veterans"))
                .extracting(r -> r.path("channel").stringValue() + " " + r.path("eventId").stringValue() + " "
                        + r.path("status").stringValue())
                .containsExactlyInAnyOrder("feed rec-" + entity + ":2 DELIVERED", "topic rec-" + entity + ":2 DELIVERED",
                        "webhook rec-" + entity + ":2 DELIVERED");
    }

    @Test
    void aDeadLetterParksItsEntityUntilReplayedOrDiscarded() {
        RECEIVER.answer("/flaky", 500);
        String replayed = entity();
        String discarded = entity();
        publish(RecordEvents.resident(replayed, 1, "990001"));
        publish(RecordEvents.resident(replayed, 2, "990001"));
        publish(RecordEvents.resident(discarded, 1, "990001"));
        publish(RecordEvents.resident(discarded, 2, "990001"));

        await().atMost(PATIENCE).until(() -> deadLetters("flaky").size() == 2);
        JsonNode dead = deadLetter("rec-" + replayed + ":1|flaky|webhook");
        assertThat(dead.path("reason").stringValue()).isEqualTo("webhook endpoint answered HTTP 500");
        assertThat(dead.path("attempts").intValue()).isEqualTo(3);
        assertThat(dead.path("payloadHash").stringValue()).startsWith("sha256:");
        assertThat(receipts(replayed)).filteredOn(r -> r.path("department").stringValue().equals("flaky")
                && r.path("version").longValue() == 2).singleElement()
                .satisfies(r -> assertThat(r.path("status").stringValue()).isEqualTo("PENDING"))
                .satisfies(r -> assertThat(r.path("attempts").intValue()).isZero());

        RECEIVER.answer("/flaky", 200);
        assertThat(post("/api/ops/dead-letters/" + encode("rec-" + discarded + ":1|flaky|webhook") + "/discard",
                "{}", ops()).statusCode()).isEqualTo(422);
        HttpResponse<String> numeric = post("/api/ops/dead-letters/" + encode("rec-" + discarded
                + ":1|flaky|webhook") + "/discard", "{\"reason\": 1e999999}", ops());
        assertThat(numeric.statusCode()).as("a number is no reason").isEqualTo(422);
        assertThat(numeric.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(numeric.body()).at("/errors/0/pointer").stringValue()).isEqualTo("/reason");
        assertThat(post("/api/ops/dead-letters/" + encode("rec-" + replayed + ":1|flaky|webhook") + "/replay", "",
                ops()).statusCode()).isEqualTo(200);
        HttpResponse<String> discard = post("/api/ops/dead-letters/" + encode("rec-" + discarded + ":1|flaky|webhook")
                + "/discard", "{\"reason\": \"department re-imported this resident by hand\"}", ops());
        assertThat(discard.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(discard.body()).path("discardReason").stringValue())
                .startsWith("department re-imported this resident by hand");

        await().atMost(PATIENCE).until(() -> webhookVersions("/flaky", replayed).size() == 2
                && webhookVersions("/flaky", discarded).size() == 1);
        assertThat(webhookVersions("/flaky", replayed)).containsExactly(1L, 2L);
        assertThat(webhookVersions("/flaky", discarded)).containsExactly(2L);
        assertThat(deadLetters("flaky")).isEmpty();
        assertThat(post("/api/ops/dead-letters/" + encode("rec-" + replayed + ":1|flaky|webhook") + "/replay", "",
                ops()).statusCode()).isEqualTo(409);
    }

    @Test
    void anErasureDropsTheEntitysDeadLetterAndParkedVersionsAndIsDeliveredAtOnce() {
        RECEIVER.answer("/flaky", 500);
        String erased = entity();
        publish(RecordEvents.resident(erased, 1, "990001"));
        publish(RecordEvents.resident(erased, 2, "990001"));
        await().atMost(PATIENCE).until(() -> deadLetters("flaky").stream()
                .anyMatch(d -> d.path("id").stringValue().equals("rec-" + erased + ":1|flaky|webhook")));

        RECEIVER.answer("/flaky", 200);
        publish(RecordEvents.erased(erased, 3));

        await().atMost(PATIENCE).until(() -> webhookVersions("/flaky", erased).contains(3L));
        assertThat(webhookVersions("/flaky", erased)).as("what it held of the entity is never delivered")
                .containsExactly(3L);
        assertThat(requests("/flaky", erased)).singleElement().satisfies(notice -> assertThat(
                notice.headers().get("fillonce-type")).isEqualTo("fillonce.record.erased"));
        assertThat(deadLetters("flaky")).noneMatch(d -> d.path("id").stringValue().contains(erased));
        assertThat(get("/api/ops/receipts/resident/" + erased, ops()).statusCode()).isEqualTo(404);
    }

    @Test
    void anEndpointThatAnswersGoneIsMarkedInactiveAndItsDeliveriesDeadLettered() {
        String entity = entity();
        publish(RecordEvents.resident(entity, 1, "980001"));
        publish(RecordEvents.resident(entity, 2, "980001"));

        await().atMost(PATIENCE).until(() -> deadLetters("gone").size() == 1);
        String id = "rec-" + entity + ":1|gone|webhook";
        assertThat(deadLetter(id).path("reason").stringValue()).contains("410 Gone");
        assertThat(deadLetter(id).path("attempts").intValue()).isEqualTo(1);

        assertThat(post("/api/ops/dead-letters/" + encode(id) + "/replay", "", ops()).statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> deadLetter(id).path("status").stringValue().equals("DEAD"));

        assertThat(deadLetter(id).path("reason").stringValue()).contains("inactive");
        assertThat(RECEIVER.all("/gone")).hasSize(1);
        assertThat(receipts(entity)).filteredOn(r -> r.path("version").longValue() == 2
                        && r.path("department").stringValue().equals("gone")).singleElement()
                .satisfies(r -> assertThat(r.path("status").stringValue()).isEqualTo("PENDING"));
    }

    @Test
    void feedPagesFollowTheCursorStablyAndOnlyForTheDepartmentItself() {
        List<String> entities = List.of(entity(), entity());
        for (int version = 1; version <= 3; version++) {
            for (String entity : entities) {
                publish(RecordEvents.resident(entity, version, "370602"));
            }
        }
        await().atMost(PATIENCE).until(() -> entities.stream().allMatch(e -> feedVersions("veterans", e).size() == 3));
        Map<String, String> veterans = TestCallers.department("veterans");

        List<String> whole = ids(JSON.readTree(get("/api/feeds/veterans?limit=1000", veterans).body()));
        List<String> paged = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 1000; page++) {
            JsonNode body = JSON.readTree(get("/api/feeds/veterans?limit=2&after=" + cursor, veterans).body());
            if (body.path("items").isEmpty()) {
                String end = body.path("next").stringValue();
                JsonNode again = JSON.readTree(get("/api/feeds/veterans?limit=2&after=" + end, veterans).body());
                assertThat(again.path("items")).isEmpty();
                assertThat(again.path("next").stringValue()).as("the end of the feed stays where it is").isEqualTo(end);
                break;
            }
            assertThat(body.path("items").size()).isLessThanOrEqualTo(2);
            paged.addAll(ids(body));
            cursor = body.path("next").stringValue();
        }

        assertThat(paged).isEqualTo(whole).doesNotHaveDuplicates();
        assertThat(get("/api/feeds/veterans", TestCallers.department("broken")).statusCode()).isEqualTo(403);
        assertThat(get("/api/feeds/veterans", Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> tooMany = get("/api/feeds/veterans?limit=1001", veterans);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(tooMany.body()).at("/errors/0/pointer").stringValue()).isEqualTo("limit");
        assertThat(Contracts.violations(Contracts.PROBLEM, JSON.readTree(tooMany.body()))).isEmpty();
        assertThat(get("/api/feeds/veterans?after=abc", veterans).statusCode()).isEqualTo(400);
    }

    @Test
    void aDepartmentReplaysItsFeedFromAPointInTimeAfterAnOutageOfItsOwn() throws InterruptedException {
        String entity = entity();
        publish(RecordEvents.resident(entity, 1, "370602"));
        await().atMost(PATIENCE).until(() -> feedVersions("veterans", entity).size() == 1);
        Thread.sleep(20); // a clock tick: the outage begins strictly after version 1's delivery, not a condition
        Instant outageBegan = Instant.now();
        publish(RecordEvents.resident(entity, 2, "370602"));
        publish(RecordEvents.resident(entity, 3, "370602"));
        await().atMost(PATIENCE).until(() -> feedVersions("veterans", entity).size() == 3);
        Map<String, String> veterans = TestCallers.department("veterans");

        JsonNode replay = JSON.readTree(get("/api/feeds/veterans?limit=1000&since=" + outageBegan, veterans).body());

        String key = keySeenBy("veterans", entity);
        assertThat(replay.path("items").valueStream().filter(i -> i.path("entityKey").stringValue().equals(key))
                .map(i -> i.path("version").longValue()).toList()).containsExactly(2L, 3L);
        JsonNode rest = JSON.readTree(get("/api/feeds/veterans?limit=1000&after=" + replay.path("next").stringValue(),
                veterans).body());
        assertThat(rest.path("items").valueStream().filter(i -> i.path("entityKey").stringValue().equals(key)))
                .isEmpty();
        HttpResponse<String> both = get("/api/feeds/veterans?after=" + replay.path("next").stringValue() + "&since="
                + outageBegan, veterans);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(both.body()).at("/errors/0/pointer").stringValue()).isEqualTo("since");
        assertThat(get("/api/feeds/veterans?since=yesterday", veterans).statusCode()).isEqualTo(400);
    }

    @Test
    void messagesOfAnAbortedTransactionNeverReachTheFeedTheWebhookOrACommittedReader() throws Exception {
        String aborted = entity();
        String committed = entity();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
        await().atMost(PATIENCE).until(() -> !topicMessagesNow("veterans", "read_uncommitted").isEmpty()
                || publishAndAwaitFirst());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(departmentMessage(aborted)).get();
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(departmentMessage(committed)).get();
            producer.commitTransaction();
        }

        await().atMost(PATIENCE).until(() -> webhookVersions("/veterans", committed).size() == 1
                && feedVersions("veterans", committed).size() == 1);
        assertThat(topicMessagesNow("veterans", "read_uncommitted")).as("the aborted message is in the log")
                .anyMatch(m -> m.key().equals(TestSubjects.pseudonymous("veterans", aborted)));
        assertThat(topicMessagesNow("veterans", "read_committed")).as("but a committed reader never sees it")
                .noneMatch(m -> m.key().equals(TestSubjects.pseudonymous("veterans", aborted)))
                .anyMatch(m -> m.key().equals(TestSubjects.pseudonymous("veterans", committed)));
        assertThat(feedVersions("veterans", aborted)).isEmpty();
        assertThat(webhookVersions("/veterans", aborted)).isEmpty();
    }

    @Test
    void opsEndpointsNeedAnOperator() {
        assertThat(get("/api/ops/dead-letters", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/api/ops/dead-letters", TestCallers.department("veterans")).statusCode()).isEqualTo(403);
        assertThat(get("/api/ops/dead-letters/" + encode("nope|x|webhook"), ops()).statusCode()).isEqualTo(404);
    }

    // ---- helpers

    private static String entity() {
        return "3706021990" + String.format("%08d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000));
    }

    private List<Long> webhookVersions(String path, String entity) {
        return requests(path, entity).stream().map(r -> Long.parseLong(r.headers().get("fillonce-entity-version")))
                .toList();
    }

    /** What the department sees the entity under: registrar the key itself, every other one its pseudonym. */
    private static String keySeenBy(String department, String entity) {
        return department.equals("registrar") ? entity : TestSubjects.pseudonym(department, entity);
    }

    private static List<Received> requests(String path, String entity) {
        String subject = "resident/" + keySeenBy(path.substring(1), entity);
        return RECEIVER.delivered(path).stream()
                .filter(r -> r.headers().get("fillonce-subject").equals(subject)).toList();
    }

    private List<Long> feedVersions(String department, String entity) {
        return feedItems(department, keySeenBy(department, entity)).stream()
                .map(i -> i.path("version").longValue()).toList();
    }

    /** The department's feed items whose entityKey is {@code key}. */
    private List<JsonNode> feedItems(String department, String key) {
        JsonNode feed = JSON.readTree(get("/api/feeds/" + department + "?limit=1000",
                TestCallers.department(department)).body());
        return feed.path("items").valueStream().filter(i -> i.path("entityKey").stringValue().equals(key)).toList();
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items").valueStream().map(i -> i.path("id").stringValue()).toList();
    }

    private List<JsonNode> deadLetters(String department) {
        return JSON.readTree(get("/api/ops/dead-letters?department=" + department, ops()).body()).path("items")
                .valueStream().toList();
    }

    private JsonNode deadLetter(String id) {
        return JSON.readTree(get("/api/ops/dead-letters/" + encode(id), ops()).body());
    }

    private List<JsonNode> receipts(String entity) {
        return JSON.readTree(get("/api/ops/receipts/resident/" + entity, ops()).body()).path("receipts")
                .valueStream().toList();
    }

    @Test
    void pathsTomcatRefusesBeforeSpringAreAnsweredAsProblems() {
        for (String path : List.of("/api/feeds/civil-affairs%00", "/api/ops/dead-letters/a%2Fb",
                "/api/ops/dead-letters/%c0%ae")) {
            HttpResponse<String> answer = get(path, ops());
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).get().asString()
                    .startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(Contracts.violations(Contracts.PROBLEM, problem)).as(answer.body()).isEmpty();
            assertThat(problem.path("detail").asString()).contains("control characters");
        }
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return TestHttp.send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        return TestHttp.send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static Entry department(String code, String path, String... secrets) {
        return new Entry("department/" + code, """
                {"kind": "department", "id": "%s", "revision": 1, "updatedAt": "2026-11-27T08:00:02Z",
                 "state": {"code": "%s", "name": "Department %s",
                           "webhook": %s}}"""
                .formatted(code, code, code, RegistryEntries.webhook(code, RECEIVER.url(path), secrets)));
    }

    private void send(List<Entry> entries) {
        for (Entry entry : entries) {
            publish(entry.message());
        }
    }

    private void publish(ProducerRecord<String, byte[]> record) {
        TestKafka.publish(broker.getBrokersAsString(), record);
    }

    private List<ConsumerRecord<String, String>> topicMessages(String department, String entity, int count) {
        return TestKafka.readCommitted(broker.getBrokersAsString(), Topics.department(department),
                m -> m.key().equals("resident/" + keySeenBy(department, entity)), count, PATIENCE, Duration.ZERO);
    }

    /** Makes sure the department topic exists (the fan-out creates it with its first message). */
    private boolean publishAndAwaitFirst() {
        String entity = entity();
        publish(RecordEvents.resident(entity, 1, "370602"));
        return !topicMessages("veterans", entity, 1).isEmpty();
    }

    /** What the fan-out would write for sub-veterans, written by the test instead (headers as the contract says). */
    private static ProducerRecord<String, byte[]> departmentMessage(String entity) {
        String subject = TestSubjects.pseudonymous("veterans", entity);
        var message = new ProducerRecord<>(Topics.department("veterans"), subject,
                "{\"xm\": \"Li Mei\"}".getBytes(StandardCharsets.UTF_8));
        Map.of("ce_specversion", "1.0", "ce_id", "rec-" + entity + ":1", "ce_type", "fillonce.record.shared",
                "ce_source", "/fillonce/sync", "ce_subject", subject, "ce_time", "2026-12-03T08:00:00Z",
                "ce_entityversion", "1", "ce_recordtype", "resident", "ce_subscription", "sub-veterans",
                "ce_purpose", "purpose of sub-veterans").forEach((name, value) -> message.headers().add(name,
                        value.getBytes(StandardCharsets.UTF_8)));
        message.headers().add("ce_legalbasis", "legal basis of sub-veterans".getBytes(StandardCharsets.UTF_8));
        message.headers().add("ce_sealedentity", TestSubjects.SUBJECTS.seal("resident/" + entity, "veterans")
                .getBytes(StandardCharsets.UTF_8));
        message.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return message;
    }

    /** Every message on the department topic right now, as a reader with the given isolation level sees it. */
    private List<ConsumerRecord<String, String>> topicMessagesNow(String department, String isolation) {
        String topic = Topics.department(department);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(), ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> message, String name) {
        return new String(message.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String headerText(ConsumerRecord<?, ?> message) {
        StringBuilder text = new StringBuilder();
        message.headers().forEach(h -> text.append(h.key()).append('=')
                .append(new String(h.value(), StandardCharsets.UTF_8)).append(';'));
        return text.toString();
    }
}
