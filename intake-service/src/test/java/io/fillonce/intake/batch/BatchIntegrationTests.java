package io.fillonce.intake.batch;

import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.fillonce.intake.IntakeIntegrationContext;
import io.fillonce.intake.Residents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Bulk uploads on the whole service (see {@link IntakeIntegrationContext}). */
class BatchIntegrationTests extends IntakeIntegrationContext {

    @Test
    void storesEachNdjsonLineOnItsOwnAndReportsEveryLine() {
        ObjectNode invalid = Residents.record("370602200101011234").put("gender", "X");
        String upload = Residents.record("370602200101011234") + "\n" + invalid + "\n\n{\"idNumber\": \n[1]\n"
                + Residents.record("370602200101011234").put("phone", "13900004321") + "\n";

        JsonNode job = finished(upload("application/x-ndjson", upload));

        assertThat(job.path("state").asString()).isEqualTo("DONE");
        assertThat(job.path("linesRead").asLong()).isEqualTo(5);
        assertThat(job.path("linesTotal").asLong()).isEqualTo(5);
        assertThat(job.path("accepted").asLong()).isEqualTo(2);
        assertThat(job.path("rejected").asLong()).isEqualTo(3);
        JsonNode results = job.path("results");
        assertThat(results).extracting(result -> result.path("line").asLong()).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(results).extracting(result -> result.path("status").asInt()).containsExactly(201, 422, 400, 400, 201);
        assertThat(results.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(results.get(4).path("version").asInt()).isEqualTo(2);
        assertThat(results.get(1).path("problem").path("errors").get(0).path("pointer").asString()).isEqualTo("/gender");
        assertThat(results.get(1).path("problem").path("type").asString())
                .isEqualTo("https://fillonce.io/problems/validation");
        assertThat(results.get(2).path("problem").path("detail").asString()).contains("not valid JSON");
        assertThat(records.await("resident/370602200101011234", 2)).extracting(this::channel)
                .containsExactly("batch", "batch");
    }

    @Test
    void coercesCsvCellsAndNestsDottedHeaders() {
        String upload = "idNumber,name,gender,regionCode,address.line\n"
                + "370602200202021234,Wang Fang,F,370602,\"1 Sea Rd, Flat 2\"\n"
                + "370602200303031234,,M,370602,\n";

        JsonNode job = finished(upload("text/csv", upload));

        assertThat(job.path("results")).extracting(result -> result.path("status").asInt()).containsExactly(201, 422);
        assertThat(job.path("results").get(1).path("problem").path("errors").get(0).path("pointer").asString())
                .isEqualTo("/name");
        JsonNode stored = json.readTree(intake.current("resident", "370602200202021234").body());
        assertThat(stored.path("data").path("address").path("line").asString()).isEqualTo("1 Sea Rd, Flat 2");
    }

    @Test
    void pagesTheResultsOfALargerUpload() {
        int lines = 1500;
        String upload = IntStream.range(0, lines)
                .mapToObj(i -> Residents.record(String.format("3706022004%08d", i)).toString())
                .collect(Collectors.joining("\n"));

        HttpResponse<String> accepted = upload("application/x-ndjson", upload);
        finished(accepted);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode first = json.readTree(intake.send("GET", location + "?limit=1000", null, null).body());
        JsonNode page = json.readTree(intake.send("GET", location + "?limit=1000&after="
                + first.path("next").stringValue(), null, null).body());

        assertThat(page.path("accepted").asLong()).isEqualTo(lines);
        assertThat(first.path("results")).hasSize(1000);
        assertThat(page.path("results")).hasSize(500);
        assertThat(page.path("results").get(0).path("line").asLong()).isEqualTo(1001);
        assertThat(page.path("next").isNull()).as("no result after the last line").isTrue();
    }

    @Test
    void refusesUnknownTypesAndJobsAsProblems() {
        HttpResponse<String> unknownType = intake.send("POST", "/api/records/vehicle/batch", "text/csv", "plate\nA1\n");
        HttpResponse<String> unknownJob = intake.send("GET", "/api/records/resident/batch/job-nope", null, null);
        String location = upload("text/csv", "idNumber,name\n").headers().firstValue("Location").orElseThrow();
        HttpResponse<String> underAnotherType = intake.send("GET", location.replace("/resident/", "/household/"),
                null, null);
        HttpResponse<String> wrongType = intake.send("POST", "/api/records/resident/batch", "text/plain", "x");

        assertThat(unknownType.statusCode()).isEqualTo(404);
        assertThat(unknownJob.statusCode()).isEqualTo(404);
        assertThat(underAnotherType.statusCode()).isEqualTo(404);
        assertThat(intake.send("GET", location, null, null).statusCode()).isEqualTo(200);
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(unknownJob.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpResponse<String> upload(String contentType, String body) {
        HttpResponse<String> accepted = intake.send("POST", "/api/records/resident/batch", contentType, body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("/api/records/resident/batch/job-"));
        return accepted;
    }

    private JsonNode finished(HttpResponse<String> accepted) {
        return intake.finishedJob(accepted.headers().firstValue("Location").orElseThrow());
    }

    private String channel(ConsumerRecord<String, byte[]> event) {
        return json.readTree(event.value()).path("channel").asString();
    }
}
