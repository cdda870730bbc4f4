package io.fillonce.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fillonce.contracts.Contracts;
import io.fillonce.identity.TestCallers;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Erasure on the whole service (see {@link IntakeIntegrationContext}): the erased version goes out after every
 * earlier one, then the sweep leaves nothing of the entity in any collection.
 */
class ErasureIntegrationTests extends IntakeIntegrationContext {

    private static final String GROUNDS = "{\"reason\": \"the person asked\", \"legalBasis\": \"PIPL art. 47\"}";

    @Autowired
    private MongoTemplate mongo;

    @Test
    void erasesAnEntityWithSeveralVersionsAndLeavesNothingOfItBehind() {
        String key = "370602196503031111";
        String path = "/api/records/resident/" + key;
        ObjectNode record = Residents.record(key).put("name", "Qiu Erasable").put("phone", "13911110001");
        ((ObjectNode) record.path("address")).put("line", "7 Forget-Me Lane");
        assertThat(submit(record.toString(), "Idempotency-Key", "erase-me-1").statusCode()).isEqualTo(201);
        assertThat(intake.send("PATCH", path, "application/merge-patch+json", "{\"phone\": \"13911110002\"}",
                "If-Match", "\"1\"").statusCode()).isEqualTo(201);
        assertThat(intake.send("POST", path + "/retract", "application/json", "{\"reason\": \"wrong person\"}")
                .statusCode()).isEqualTo(200);
        JsonNode refusedLine = finished(upload(record.deepCopy().put("phone", "13911110003").toString()))
                .path("results").get(0);
        assertThat(refusedLine.path("status").asInt()).isEqualTo(409);
        assertThat(refusedLine.path("problem").path("detail").asString()).contains(key);
        assertThat(intake.send("POST", path + "/reinstate", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> accepted = upload(record.deepCopy().put("phone", "13911110003").toString());
        assertThat(finished(accepted).path("results").get(0).path("entityKey").asString()).isEqualTo(key);
        String recordId = json.readTree(intake.current("resident", key).body()).path("recordId").asString();

        HttpResponse<String> erased = admin().send("POST", path + "/erase", "application/json", GROUNDS);

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(erased.headers().firstValue("ETag")).hasValue("\"6\"");
        JsonNode receipt = json.readTree(erased.body());
        assertThat(receipt.path("recordId").asString()).isEqualTo(recordId);
        assertThat(receipt.path("type").asString()).isEqualTo("resident");
        assertThat(receipt.path("entityKey").asString()).isEqualTo(key);
        assertThat(receipt.path("version").asInt()).isEqualTo(6);
        assertThat(intake.current("resident", key).statusCode()).isEqualTo(404);
        assertThat(intake.send("GET", path + "/history", null, null).statusCode()).isEqualTo(404);
        List<JsonNode> events = records.await("resident/" + key, 6).stream().map(m -> json.readTree(m.value()))
                .toList();
        assertThat(events).allSatisfy(event -> assertThat(Contracts.violations(Contracts.RECORD_EVENT, event))
                .isEmpty());
        assertThat(events).extracting(event -> event.path("version").asInt()).containsExactly(1, 2, 3, 4, 5, 6);
        JsonNode last = events.get(5);
        assertThat(last.path("channel").asString()).isEqualTo("erase");
        assertThat(last.path("data").isObject() && last.path("data").isEmpty()).isTrue();
        assertThat(last.path("submittedBy").asString()).isEqualTo("admin:it");
        assertThat(last.at("/erasure/reason").asString()).isEqualTo("the person asked");
        assertThat(last.at("/erasure/legalBasis").asString()).isEqualTo("PIPL art. 47");
        assertThat(last.at("/erasure/by").asString()).isEqualTo("admin:it");
        assertThat(last.at("/erasure/at").isMissingNode()).isFalse();

        awaitSwept("resident/" + key);

        assertThat(mongo.count(Query.query(Criteria.where("recordId").is(recordId)), "record_versions")).isZero();
        assertThat(storedTexts()).noneMatch(text -> text.contains(key) || text.contains("Qiu Erasable")
                || text.contains("1391111000") || text.contains("Forget-Me"));
        assertThat(intake.current("resident", key).statusCode()).isEqualTo(404);
        JsonNode acceptedLine = finished(accepted).path("results").get(0);
        assertThat(acceptedLine.path("status").asInt()).as("the line is kept, without the key").isEqualTo(201);
        assertThat(acceptedLine.path("version").asInt()).isEqualTo(5);
        assertThat(acceptedLine.path("entityKey").isNull()).isTrue();

        HttpResponse<String> anew = submit(Residents.record(key).toString());
        assertThat(anew.statusCode()).isEqualTo(201);
        assertThat(json.readTree(anew.body()).path("version").asInt()).isEqualTo(1);
        assertThat(json.readTree(anew.body()).path("recordId").asString()).isNotEqualTo(recordId);
        JsonNode first = json.readTree(records.await("resident/" + key, 7).get(6).value());
        assertThat(first.path("version").asInt()).isEqualTo(1);
        assertThat(first.path("recordId").asString()).isNotEqualTo(recordId);
    }

    @Test
    void refusesCadresErasuresWithoutALegalBasisAndUnknownEntities() {
        String key = "370602196504042222";
        String path = "/api/records/resident/" + key;
        assertThat(submit(Residents.record(key).toString()).statusCode()).isEqualTo(201);

        HttpResponse<String> byCadre = intake.send("POST", path + "/erase", "application/json", GROUNDS);
        HttpResponse<String> noBasis = admin().send("POST", path + "/erase", "application/json",
                "{\"reason\": \"the person asked\"}");
        HttpResponse<String> unknown = admin().send("POST", "/api/records/resident/370602196505050000/erase",
                "application/json", GROUNDS);

        assertThat(byCadre.statusCode()).isEqualTo(403);
        assertThat(byCadre.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(noBasis.statusCode()).isEqualTo(422);
        assertThat(noBasis.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(noBasis.body()).at("/errors/0/pointer").asString()).isEqualTo("/legalBasis");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(intake.current("resident", key).statusCode()).as("nothing was erased").isEqualTo(200);
    }

    private IntakeClient admin() {
        return intake.as(TestCallers::admin);
    }

    private HttpResponse<String> submit(String body, String... headers) {
        return intake.send("POST", "/api/records/resident", "application/json", body, headers);
    }

    private HttpResponse<String> upload(String ndjson) {
        HttpResponse<String> accepted = intake.send("POST", "/api/records/resident/batch", "application/x-ndjson",
                ndjson + "\n");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return accepted;
    }

    private JsonNode finished(HttpResponse<String> accepted) {
        return intake.finishedJob(accepted.headers().firstValue("Location").orElseThrow());
    }

    /** Waits until the sweep deleted the record document (after its last event was published). */
    private void awaitSwept(String id) {
        await().alias("the erasure of " + id).atMost(Duration.ofSeconds(30))
                .until(() -> mongo.findById(id, Document.class, "records") == null);
    }

    /** Every document of every collection of intake's database, as JSON text. */
    private List<String> storedTexts() {
        List<String> texts = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).find().forEach(document -> texts.add(document.toJson()));
        }
        assertThat(texts).as("the search must see the stored records").isNotEmpty();
        return texts;
    }
}
