package io.fillonce.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.fillonce.intake.UpsertedEvents.assertUpserted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registry view, submission, outbox and relay on the whole service (see {@link IntakeIntegrationContext}).
 */
class IntakeIntegrationTests extends IntakeIntegrationContext {

    @Autowired
    private MeterRegistry meters;

    @Test
    void publishesTheSubmittedRecordAsACloudEvent() {
        ObjectNode record = Residents.record("370602199001011234");

        HttpResponse<String> created = intake.submit("resident", record.toString());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/records/resident/370602199001011234");
        JsonNode receipt = json.readTree(created.body());
        String recordId = receipt.path("recordId").asString();
        JsonNode event = assertUpserted(records.await("resident/370602199001011234", 1).get(0), recordId, "resident",
                "370602199001011234", 1);
        assertThat(event.path("data")).isEqualTo(record);
        assertThat(event.path("submittedBy").asString()).isEqualTo(IntakeClient.CADRE);
        assertThat(event.path("channel").asString()).isEqualTo("api");
        assertThat(event.path("typeVersion").asInt()).isEqualTo(1);
        JsonNode current = json.readTree(intake.current("resident", "370602199001011234").body());
        assertThat(current.path("data")).isEqualTo(record);
        assertThat(current.path("version").asInt()).isEqualTo(1);
    }

    @Test
    void describesItsApiAsOpenApi() {
        HttpResponse<String> docs = intake.get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(json.readTree(docs.body()).path("paths").propertyNames())
                .contains("/api/records/{type}", "/api/records/{type}/{entityKey}",
                        "/api/records/{type}/{entityKey}/history", "/api/records/{type}/batch",
                        "/api/records/{type}/batch/{jobId}", "/api/records/{type}/batch/{jobId}/rejected.xlsx",
                        "/api/forms", "/api/forms/{type}", "/api/forms/{type}/template.xlsx");
        assertThat(json.readTree(docs.body()).path("paths").path("/api/records/{type}/{entityKey}").has("patch"))
                .isTrue();
        JsonNode api = json.readTree(docs.body());
        assertThat(api.at("/components/securitySchemes/gateway-api-key/scheme").stringValue()).isEqualTo("bearer");
        assertThat(api.at("/paths/~1api~1records~1{type}/post/security/0").has("gateway-api-key")).isTrue();
        assertThat(api.at("/paths/~1api~1records~1{type}~1batch~1{jobId}/get/responses").propertyNames())
                .contains("400", "401", "403", "404", "503");
    }

    @Test
    void pathsTomcatRefusesBeforeSpringAreAnsweredAsProblems() {
        for (String key : List.of("%00", "a%2Fb", "%c0%ae", "..%00")) {
            HttpResponse<String> answer = intake.current("resident", key);
            assertThat(answer.statusCode()).as(key).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(key).get().asString()
                    .startsWith("application/problem+json");
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("detail").asString()).contains("percent-encoded UTF-8", "control characters");
        }
    }

    @Test
    void reportsItselfHealthy() {
        assertThat(intake.get("/livez").statusCode()).isEqualTo(200);
        HttpResponse<String> health = intake.get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void publishesTheVersionsOfAnEntityInOrder() {
        ObjectNode first = Residents.record("370602199202021234");
        ObjectNode second = first.deepCopy().put("phone", "13900004321");

        String recordId = json.readTree(intake.submit("resident", first.toString()).body()).path("recordId").asString();
        HttpResponse<String> changed = intake.submit("resident", second.toString());
        HttpResponse<String> unchanged = intake.submit("resident", second.toString());

        assertThat(changed.statusCode()).isEqualTo(201);
        assertThat(unchanged.statusCode()).isEqualTo(200);
        assertThat(json.readTree(unchanged.body()).path("version").asInt()).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> events = records.await("resident/370602199202021234", 2);
        assertUpserted(events.get(0), recordId, "resident", "370602199202021234", 1);
        assertThat(assertUpserted(events.get(1), recordId, "resident", "370602199202021234", 2).path("data"))
                .isEqualTo(second);
        assertThat(records.settled("resident/370602199202021234", Duration.ofSeconds(1))).hasSize(2);
    }

    @Test
    void storesAndEmitsNothingForARejectedSubmission() {
        ObjectNode invalid = Residents.record("370602199303031234").put("gender", "X");
        invalid.remove("name");

        HttpResponse<String> rejected = intake.submit("resident", invalid.toString());

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(rejected.body()).path("errors")).hasSize(2);
        assertThat(intake.current("resident", "370602199303031234").statusCode()).isEqualTo(404);
        HttpResponse<String> accepted = intake.submit("resident", Residents.record("370602199303031234").toString());
        assertThat(json.readTree(accepted.body()).path("version").asInt()).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> events = records.settled("resident/370602199303031234",
                Duration.ofSeconds(2));
        assertThat(events).singleElement()
                .satisfies(event -> assertThat(RecordsTopic.header(event, "ce_entityversion")).isEqualTo("1"));
    }

    @Test
    void givesConcurrentSubmissionsConsecutiveVersions() throws Exception {
        int submitters = 6;
        List<Integer> versions = submitConcurrently("370602199404041234", submitters);

        assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, submitters).boxed().toList());
        List<ConsumerRecord<String, byte[]>> events = records.await("resident/370602199404041234", submitters);
        assertThat(events).extracting(event -> RecordsTopic.header(event, "ce_entityversion"))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, submitters).mapToObj(String::valueOf).toList());
        assertThat(records.settled("resident/370602199404041234", Duration.ofSeconds(1))).hasSize(submitters);
    }

    @Test
    void reportsAnEmptyBacklogOnceEverythingIsRelayed() {
        intake.submit("resident", Residents.record("370602199505051234").toString());
        records.await("resident/370602199505051234", 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> backlog() == 0);
    }

    private double backlog() {
        return meters.get("fillonce.relay.backlog").gauge().value();
    }

    private List<Integer> submitConcurrently(String idNumber, int submitters) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(submitters);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < submitters; i++) {
            ObjectNode record = Residents.record(idNumber).put("name", "Submitter " + i);
            responses.add(pool.submit(() -> {
                start.await();
                return intake.submit("resident", record.toString());
            }));
        }
        start.countDown();
        List<Integer> versions = new ArrayList<>();
        for (Future<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(201);
            versions.add(json.readTree(response.get().body()).path("version").asInt());
        }
        pool.shutdown();
        return versions;
    }
}
