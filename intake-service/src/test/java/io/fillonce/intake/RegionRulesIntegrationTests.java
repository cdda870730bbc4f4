package io.fillonce.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.fillonce.contracts.Contracts;
import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.TestRegistryKeys;
import io.fillonce.identity.TestCallers;
import io.fillonce.registryfeed.RegistryTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

/**
 * Cadres are bound to their region (the resident type names regionField regionCode): a matrix of cadres × record
 * operations gives exactly the allowed answers, an entity outside the region is a 404 like a missing one, a record
 * outside it a 403 naming the field, and a type that allows cross-region correction lets cadres correct (not submit)
 * anywhere. Bulk jobs are visible to their submitter and operators only. (Operators read no records: the role table
 * the gateway and intake both enforce.)
 */
class RegionRulesIntegrationTests extends IntakeIntegrationContext {

    private static final String HERE = "370602199001017777";
    private static final String THERE = "110101199001017777";
    private static final String MOVING = "moving-resident";

    @Autowired
    private KafkaConnectionDetails kafka;

    private final Map<String, Supplier<Map<String, String>>> callers = new LinkedHashMap<>();

    /** Once, after the base class connected the client. */
    @BeforeEach
    void entitiesInTwoRegionsAndATypeThatAllowsCrossRegionCorrection() {
        if (!callers.isEmpty()) {
            return;
        }
        callers.put("cadre 370602", () -> TestCallers.cadre("c-here", "370602"));
        callers.put("cadre 3706 (its city)", () -> TestCallers.cadre("c-city", "3706"));
        callers.put("cadre 110101", () -> TestCallers.cadre("c-there", "110101"));
        callers.put("cadre without region", () -> TestCallers.cadre("c-nowhere", null));
        callers.put("ops", TestCallers::ops);
        assertThat(as("cadre 370602").submit("resident", resident(HERE, "370602").toString()).statusCode())
                .isEqualTo(201);
        assertThat(as("cadre 110101").submit("resident", resident(THERE, "110101").toString()).statusCode())
                .isEqualTo(201);
        publishMovingResidentType();
        await().atMost(Duration.ofSeconds(20)).until(() -> as("cadre 370602")
                .submit(MOVING, resident(HERE, "370602").toString()).statusCode() == 201);
    }

    @Test
    void everyCadreReadsAndCorrectsItsRegionOnlyAndAnythingElseIsNotThere() {
        Map<String, Map<String, Integer>> expected = new LinkedHashMap<>();
        expected.put("cadre 370602", Map.of("read", 200, "history", 200, "correct", 201, "submit over", 201));
        expected.put("cadre 3706 (its city)", Map.of("read", 200, "history", 200, "correct", 201, "submit over", 201));
        expected.put("cadre 110101", Map.of("read", 404, "history", 404, "correct", 404, "submit over", 403));
        expected.put("cadre without region", Map.of("read", 404, "history", 404, "correct", 404, "submit over", 403));
        expected.put("ops", Map.of("read", 403, "history", 403)); // the shared role table: records are not OPS's
        SoftAssertions softly = new SoftAssertions();
        expected.forEach((who, answers) -> answers.forEach((operation, status) -> softly
                .assertThat(operation(who, operation, "resident", HERE)).as("%s: %s", who, operation)
                .isEqualTo(status)));
        softly.assertAll();
    }

    @Test
    void aMissingEntityAndAnotherRegionsEntityAnswerTheSame() {
        HttpResponse<String> other = as("cadre 110101").current("resident", HERE);
        HttpResponse<String> missing = as("cadre 110101").current("resident", "110101199912319999");

        assertThat(other.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
        assertThat(other.body().replace(HERE, "<key>")).as("nothing tells them apart")
                .isEqualTo(missing.body().replace("110101199912319999", "<key>"));
    }

    @Test
    void aCadreSubmitsOnlyInItsRegionAndCannotCorrectAnEntityOutOfIt() {
        HttpResponse<String> elsewhere = as("cadre 370602").submit("resident",
                resident("110101199002027777", "110101").toString());
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        JsonNode problem = json.readTree(elsewhere.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://fillonce.io/problems/outside-region");
        assertThat(problem.at("/errors/0/pointer").asString()).isEqualTo("/regionCode");
        assertThat(problem.at("/errors/0/rule").asString()).isEqualTo("region");
        assertThat(as("cadre 110101").current("resident", "110101199002027777").statusCode())
                .as("nothing stored").isEqualTo(404);

        int version = json.readTree(as("cadre 370602").current("resident", HERE).body()).path("version").asInt();
        HttpResponse<String> moved = as("cadre 370602").send("PATCH", "/api/records/resident/" + HERE,
                "application/merge-patch+json", "{\"regionCode\": \"110101\"}", "If-Match", "\"" + version + "\"");
        assertThat(moved.statusCode()).isEqualTo(403);
    }

    @Test
    void aTypeThatAllowsCrossRegionCorrectionLetsCadresCorrectButNotSubmitElsewhere() {
        IntakeClient there = as("cadre 110101");
        assertThat(there.current(MOVING, HERE).statusCode()).isEqualTo(200);
        int version = json.readTree(there.current(MOVING, HERE).body()).path("version").asInt();
        assertThat(there.send("PATCH", "/api/records/" + MOVING + "/" + HERE, "application/merge-patch+json",
                "{\"regionCode\": \"110101\"}", "If-Match", "\"" + version + "\"").statusCode())
                .as("moving the resident to the cadre's region").isEqualTo(201);
        assertThat(there.submit(MOVING, resident("370602199003037777", "370602").toString()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aBulkLineOutsideTheRegionIsRefusedAndTheJobIsTheSubmittersOnly() {
        String lines = resident(HERE, "370602") + "\n" + resident("110101199004047777", "110101") + "\n";
        HttpResponse<String> accepted = as("cadre 110101").send("POST", "/api/records/resident/batch",
                "application/x-ndjson", lines);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(json.readTree(
                as("cadre 110101").send("GET", job, null, null).body()).path("state").asString()));

        JsonNode results = json.readTree(as("cadre 110101").send("GET", job, null, null).body()).path("results");
        assertThat(results.get(0).path("status").asInt()).isEqualTo(403);
        assertThat(results.get(0).at("/problem/type").asString()).endsWith("/outside-region");
        assertThat(results.get(1).path("status").asInt()).isEqualTo(201);
        assertThat(as("cadre 370602").send("GET", job, null, null).statusCode()).isEqualTo(404);
        assertThat(as("ops").send("GET", job, null, null).statusCode()).isEqualTo(200);
    }

    /** Every read reaches the audit chain's topic as a contract-conforming event, refused and missing ones too. */
    @Test
    void everyReadIsAuditedRefusedAndMissingOnesTooAndNoValueIsKept() {
        String missing = "370602199912318888";
        assertThat(as("cadre 370602").current("resident", HERE).statusCode()).isEqualTo(200);
        assertThat(as("cadre 370602").send("GET", "/api/records/resident/" + HERE + "/history", null, null)
                .statusCode()).isEqualTo(200);
        assertThat(as("cadre 110101").current("resident", HERE).statusCode()).isEqualTo(404);
        assertThat(as("cadre 370602").current("resident", missing).statusCode()).isEqualTo(404);
        assertThat(as("ops").current("resident", HERE).statusCode()).as("refused by the role table").isEqualTo(403);
        assertThat(as("ops").send("GET", "/api/records/resident/" + HERE + "/history", null, null).statusCode())
                .isEqualTo(403);

        List<JsonNode> events = auditEvents(6, event -> List.of("cadre:c-here", "cadre:c-there", "ops:o-1")
                .contains(event.path("actor").asString()) && event.path("entityKey").asString().matches(
                        HERE + "|" + missing));
        assertThat(events).allSatisfy(event -> assertThat(Contracts.violations(Contracts.AUDIT_EVENT, event))
                .isEmpty());
        assertThat(events).extracting(event -> event.path("actor").asString() + " " + event.path("action").asString()
                + " " + event.path("outcome").asString("served"))
                .contains("cadre:c-here RECORD_READ served", "cadre:c-here HISTORY_READ served",
                        "cadre:c-there RECORD_READ REFUSED", "cadre:c-here RECORD_READ NOT_FOUND",
                        "ops:o-1 RECORD_READ REFUSED", "ops:o-1 HISTORY_READ REFUSED");
        JsonNode read = events.stream().filter(event -> event.path("action").asString().equals("RECORD_READ")
                && event.path("outcome").isMissingNode()).findFirst().orElseThrow();
        assertThat(read.at("/recipients/0/fields").valueStream().map(JsonNode::asString))
                .contains("/name", "/regionCode", "/address/line");
        assertThat(read.at("/recipients/0/payloadHash").asString()).startsWith("sha256:");
        assertThat(events.toString()).doesNotContain(Residents.record(HERE).path("name").asString())
                .doesNotContain(Residents.record(HERE).path("phone").asString());
    }

    private List<JsonNode> auditEvents(int atLeast, Predicate<JsonNode> wanted) {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getConsumer().getBootstrapServers()),
                ConsumerConfig.GROUP_ID_CONFIG, "audit-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("fillonce.sync.audit"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (found.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    JsonNode event = json.readTree(record.value());
                    if (wanted.test(event)) {
                        found.add(event);
                    }
                });
            }
        }
        return found;
    }

    private int operation(String who, String operation, String type, String entityKey) {
        IntakeClient client = as(who);
        return switch (operation) {
            case "read" -> client.current(type, entityKey).statusCode();
            case "history" -> client.send("GET", "/api/records/" + type + "/" + entityKey + "/history", null, null)
                    .statusCode();
            case "correct" -> client.send("PATCH", "/api/records/" + type + "/" + entityKey,
                    "application/merge-patch+json", "{\"name\": \"Corrected by " + who + "\"}", "If-Match", "*")
                    .statusCode();
            case "submit over" -> client.submit(type, resident(entityKey, "370602").put("name", "Again by " + who)
                    .toString()).statusCode();
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private IntakeClient as(String who) {
        return intake.as(callers.get(who));
    }

    private static ObjectNode resident(String idNumber, String region) {
        return Residents.record(idNumber).put("regionCode", region);
    }

    /** The resident type again under another name, cross-region correction allowed, signed as the registry signs. */
    private void publishMovingResidentType() {
        ObjectNode entry = (ObjectNode) Residents.registryEntry().path("value").deepCopy();
        entry.put("id", MOVING);
        ((ObjectNode) entry.path("state")).put("name", MOVING).put("crossRegionCorrection", true);
        String key = "record-type/" + MOVING;
        ProducerRecord<String, String> message = new ProducerRecord<>(RegistryTopic.NAME, key, entry.toString());
        message.headers().add(RegistrySignature.HEADER, TestRegistryKeys.SIGNER.sign(key, entry.toString()));
        try (Producer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getProducer().getBootstrapServers())), new StringSerializer(),
                new StringSerializer())) {
            producer.send(message).get();
        }
        catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
