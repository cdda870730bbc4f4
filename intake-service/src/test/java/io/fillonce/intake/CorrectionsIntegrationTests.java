package io.fillonce.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fillonce.contracts.Contracts;
import io.fillonce.identity.TestCallers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys, merge-patch corrections and histories on the whole service (embedded KRaft Kafka, in-memory
 * MongoDB wire server, see {@link IntakeIntegrationContext}).
 */
class CorrectionsIntegrationTests extends IntakeIntegrationContext {

    @Test
    void racingRequestsWithOneIdempotencyKeyMakeOneVersionAndGetTheSameAnswer() throws Exception {
        String body = Residents.record("370602199606061234").toString();

        List<HttpResponse<String>> answers = race(5, () -> submit(body, "Idempotency-Key", "key-race-1"));

        JsonNode first = json.readTree(answers.get(0).body());
        assertThat(first.path("version").asInt()).isEqualTo(1);
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat(json.readTree(answer.body())).isEqualTo(first);
            assertThat(answer.headers().firstValue("ETag")).hasValue("\"1\"");
        }
        assertThat(records.settled("resident/370602199606061234", Duration.ofSeconds(2))).hasSize(1);
        HttpResponse<String> history = history("370602199606061234");
        assertThat(json.readTree(history.body()).path("versions")).hasSize(1);
    }

    @Test
    void repeatsTheOriginalAnswerLaterAndRefusesTheKeyForAnotherBody() {
        ObjectNode record = Residents.record("370602199707071234");
        HttpResponse<String> original = submit(record.toString(), "Idempotency-Key", "key-repeat-1");
        submit(record.deepCopy().put("phone", "13900004321").toString());

        HttpResponse<String> repeat = submit(record.toString(), "Idempotency-Key", "key-repeat-1");
        HttpResponse<String> reused = submit(record.deepCopy().put("name", "Other").toString(),
                "Idempotency-Key", "key-repeat-1");

        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(json.readTree(repeat.body())).isEqualTo(json.readTree(original.body()));
        assertThat(json.readTree(repeat.body()).path("version").asInt()).isEqualTo(1);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(reused.body()).path("detail").asString()).contains("different request body");
        assertThat(records.settled("resident/370602199707071234", Duration.ofSeconds(2))).hasSize(2);
    }

    @Test
    void keepsEveryVersionWithWhoWhenChannelAndChangedFields() {
        String key = "370602199808081234";
        ObjectNode record = Residents.record(key);
        submit(record.toString());
        HttpResponse<String> patched = intake.send("PATCH", "/api/records/resident/" + key,
                "application/merge-patch+json", "{\"phone\": \"13900004321\", \"address\": null}", "If-Match", "\"1\"");
        HttpResponse<String> stale = intake.send("PATCH", "/api/records/resident/" + key,
                "application/merge-patch+json", "{\"phone\": \"13900000000\"}", "If-Match", "\"1\"");
        submit(record.toString());
        records.await("resident/" + key, 3);

        assertThat(patched.statusCode()).isEqualTo(201);
        assertThat(stale.statusCode()).isEqualTo(412);
        JsonNode versions = json.readTree(history(key).body()).path("versions");
        assertThat(versions).hasSize(3);
        assertThat(versions).extracting(version -> version.path("channel").asString())
                .containsExactly("api", "patch", "api");
        assertThat(versions.get(0).path("submittedBy").asString()).isEqualTo(IntakeClient.CADRE);
        assertThat(versions.get(0).path("submittedAt").isMissingNode()).isFalse();
        assertThat(versions.get(1).path("changes").path("changed").get(0).asString()).isEqualTo("/phone");
        assertThat(versions.get(1).path("changes").path("removed").get(0).asString()).isEqualTo("/address");
        assertThat(versions.get(2).path("changes").path("added").get(0).asString()).isEqualTo("/address");
        assertThat(versions.get(2).path("data")).isEqualTo(record);
    }

    @Test
    void aRetractedEntityTakesNoNewVersionUntilReinstatedAndItsHistoryKeepsBoth() {
        String key = "370602198811225678";
        String path = "/api/records/resident/" + key;
        ObjectNode record = Residents.record(key);
        submit(record.toString());
        HttpResponse<String> noReason = intake.send("POST", path + "/retract", "application/json",
                "{\"reason\": \" \"}");
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(json.readTree(noReason.body()).at("/errors/0/pointer").asString()).isEqualTo("/reason");
        HttpResponse<String> elsewhere = intake.as(() -> TestCallers.cadre("c-1101", "1101")).send("POST",
                path + "/retract", "application/json", "{\"reason\": \"not mine\"}");
        assertThat(elsewhere.statusCode()).as("another region's cadre").isEqualTo(404);

        HttpResponse<String> retracted = intake.send("POST", path + "/retract", "application/json",
                "{\"reason\": \"entered for the wrong person\"}");
        assertThat(retracted.statusCode()).isEqualTo(200);
        assertThat(json.readTree(retracted.body()).path("version").asInt()).isEqualTo(2);
        assertThat(intake.send("POST", path + "/retract", "application/json", "{\"reason\": \"again\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> refused = submit(record.deepCopy().put("phone", "13900004321").toString());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json.readTree(refused.body()).path("type").asString()).endsWith("/retracted");
        assertThat(json.readTree(refused.body()).path("detail").asString()).contains("entered for the wrong person");
        assertThat(intake.send("PATCH", path, "application/merge-patch+json", "{\"phone\": \"1\"}", "If-Match",
                "\"2\"").statusCode()).isEqualTo(409);
        assertThat(json.readTree(intake.current("resident", key).body()).at("/retraction/by").asString())
                .isEqualTo(IntakeClient.CADRE);

        assertThat(intake.send("POST", path + "/reinstate", null, null).statusCode()).isEqualTo(200);
        assertThat(submit(record.deepCopy().put("phone", "13900004321").toString()).statusCode()).isEqualTo(201);
        List<JsonNode> events = records.await("resident/" + key, 4).stream().map(m -> json.readTree(m.value()))
                .toList();
        assertThat(events).allSatisfy(event -> assertThat(Contracts.violations(Contracts.RECORD_EVENT, event))
                .isEmpty());
        assertThat(events).extracting(event -> event.path("channel").asString())
                .containsExactly("api", "retract", "reinstate", "api");
        assertThat(events.get(1).at("/retraction/reason").asString()).isEqualTo("entered for the wrong person");
        assertThat(events.get(1).path("data")).isEqualTo(events.get(0).path("data"));
        assertThat(events.get(2).has("retraction")).isFalse();
        JsonNode versions = json.readTree(history(key).body()).path("versions");
        assertThat(versions).extracting(version -> version.path("channel").asString())
                .containsExactly("api", "retract", "reinstate", "api");
        assertThat(versions.get(1).at("/retraction/reason").asString()).isEqualTo("entered for the wrong person");
    }

    private HttpResponse<String> submit(String body, String... headers) {
        return intake.send("POST", "/api/records/resident", "application/json", body, headers);
    }

    private HttpResponse<String> history(String entityKey) {
        return intake.send("GET", "/api/records/resident/" + entityKey + "/history", null, null);
    }

    private static List<HttpResponse<String>> race(int requests, java.util.concurrent.Callable<HttpResponse<String>> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            answers.add(future.get());
        }
        pool.shutdown();
        return answers;
    }
}
