package io.fillonce.registry;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.fillonce.contracts.Contracts;
import io.fillonce.registry.kafka.TopicReaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/** A subscription's life after it was created: suspended, resumed, ended; every step kept, shown and published. */
abstract class SubscriptionLifecycleFlow extends SharingRequestFlow {

    @Autowired
    TopicReaders topicReaders;

    @Test
    void suspendsResumesAndEndsASubscriptionKeepingWhoDidWhatWhenAndWhy() throws Exception {
        String id = subscribe(registerResidentType());
        String path = "/api/registry/subscriptions/" + id;

        JsonNode suspended = send(post(path + "/suspend"), "{\"reason\": \"audit of the allowance office\"}", 200);
        assertThat(suspended.get("status").stringValue()).isEqualTo("SUSPENDED");
        assertThat(suspended.get("statusSince").stringValue()).isNotBlank();
        assertThat(entryWhen(id, "SUSPENDED", 2).at("/state/statusSince").stringValue())
                .isEqualTo(suspended.get("statusSince").stringValue());

        String department = suspended.get("department").stringValue();
        assertThat(ok(get("/api/registry/subscriptions?department=" + department + "&status=SUSPENDED"))
                .at("/items/0/id").stringValue()).isEqualTo(id);
        assertThat(ok(get("/api/registry/subscriptions?department=" + department + "&status=ACTIVE")).get("items"))
                .isEmpty();
        send(get("/api/registry/subscriptions?status=PAUSED"), null, 400);
        send(post(path + "/resume"), "{\"reason\": \"audit passed\"}", 200);
        assertThat(ok(get("/api/registry/subscriptions?department=" + department + "&status=ACTIVE"))
                .at("/items/0/id").stringValue()).as("active again")
                .isEqualTo(id);
        assertThat(entryWhen(id, "ACTIVE", 3).at("/state/steps/2/reason").stringValue()).isEqualTo("audit passed");
        JsonNode ended = send(post(path + "/end"), "{\"reason\": \"the allowance moved to another bureau\"}", 200);
        assertThat(ended.get("status").stringValue()).isEqualTo("ENDED");
        JsonNode published = entryWhen(id, "ENDED", 4);
        assertThat(published.at("/state/steps").valueStream().map(step -> step.get("step").stringValue() + " by "
                + step.get("by").stringValue() + ": " + step.get("reason").asString("")))
                .containsExactly("created by admin:bootstrap: ", "suspended by admin:bootstrap: audit of the allowance "
                        + "office", "resumed by admin:bootstrap: audit passed", "ended by admin:bootstrap: the "
                        + "allowance moved to another bureau");
        assertThat(ok(get(path)).get("steps")).isEqualTo(published.at("/state/steps"));
        // its department has no other subscription by topic: its Kafka read ends after the grace period
        Document stored = mongo.getCollection("subscriptions").find(new Document("_id", id)).first();
        assertThat(stored.getDate("topicReadUntil")).isNotNull();
        assertThat(topicReaders.mayRead(stored.getString("department"))).isFalse();
    }

    @Test
    void refusesAStepTheStatusDoesNotAllowAndAStepWithoutAReason() throws Exception {
        String id = subscribe(registerResidentType());
        String path = "/api/registry/subscriptions/" + id;
        JsonNode noReason = send(post(path + "/suspend"), "{\"reason\": \" \"}", 422);
        assertThat(Contracts.violations(Contracts.PROBLEM, noReason)).isEmpty();
        assertThat(noReason.at("/errors/0/pointer").stringValue()).isEqualTo("/reason");
        assertThat(send(post(path + "/resume"), "{\"reason\": \"r\"}", 409).get("detail").stringValue())
                .contains("is ACTIVE", "only a subscription that is SUSPENDED can be resumed");
        send(post(path + "/end"), "{\"reason\": \"done\"}", 200);
        assertThat(send(post(path + "/suspend"), "{\"reason\": \"r\"}", 409).get("detail").stringValue())
                .contains("is ENDED");
        send(post("/api/registry/subscriptions/sub-none/end"), "{\"reason\": \"r\"}", 404);
        assertThat(ok(get(path)).get("steps").size()).as("refused steps leave no trace").isEqualTo(2);
    }

    @Test
    void changesWhatASubscriptionSharesAsANewVersionButNotWhoGetsItNorHowItSeesEntities() throws Exception {
        String type = registerResidentType();
        String id = subscribe(type);
        String path = "/api/registry/subscriptions/" + id;
        JsonNode before = ok(get(path));
        String department = before.get("department").stringValue();
        String change = """
                {"department": "%s", "recordType": "%s", "purpose": "p2", "legalBasis": "l2",
                 "fields": {"xm": {"from": "/name"}}, "channels": ["topic", "feed"]}""";

        assertThat(topicReaders.mayRead(department)).isTrue();
        JsonNode changed = send(put(path), change.formatted(department, type), 200);
        assertThat(changed.get("version").intValue()).isEqualTo(2);
        assertThat(changed.get("fields").propertyNames()).containsExactly("xm");
        assertThat(changed.get("purpose").stringValue()).isEqualTo("p2");
        assertThat(changed.at("/steps/1/step").stringValue()).isEqualTo("changed");
        JsonNode published = RegistryTopicReader.json(topic.await("subscription/" + id,
                value -> value.at("/state/version").intValue() == 2));
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, published)).isEmpty();

        assertThat(topicReaders.mayRead(department)).as("it still has the topic channel").isTrue();
        send(put(path), change.replace("\"topic\", ", "").formatted(department, type), 200);
        assertThat(topicReaders.mayRead(department)).as("the topic channel dropped, its last").isFalse();
        assertThat(topicReaders.mayRead("no-subscriptions-yet")).as("granted with its first topic subscription")
                .isFalse();
        JsonNode moved = send(put(path), change.formatted("elsewhere", type), 422);
        assertThat(moved.at("/errors/0/pointer").stringValue()).isEqualTo("/department");
        String disclosing = """
                {"department": "%s", "recordType": "%s", "purpose": "p", "legalBasis": "l",
                 "fields": {"sfzh": {"from": "/idNumber"}}, "sensitiveFields": ["/idNumber"], "channels": ["topic"]}"""
                .formatted(department, type);
        assertThat(send(put(path), disclosing, 409).get("detail").stringValue()).contains("by their key");
        send(post(path + "/end"), "{\"reason\": \"done\"}", 200);
        send(put(path), change.formatted(department, type), 409);
        assertThat(ok(get(path)).get("version").intValue()).as("refused changes leave no trace").isEqualTo(3);
    }

    @Test
    void previewsACodeTableChangeAndKeepsWhatEveryVersionChangedWhoAndWhen() throws Exception {
        String subscription = subscribe(registerResidentType());
        String table = "/api/registry/code-tables/gender-" + suffix;
        JsonNode refused = send(post(table + "/preview"), "{\"entries\": {\"F\": \"9\", \"M\": \"1\"}}", 200);
        assertThat(refused.get("allowed").booleanValue()).isFalse();
        assertThat(refused.at("/breaks/0/code").stringValue()).isEqualTo("F");
        assertThat(refused.at("/change/changed/F/from").stringValue()).isEqualTo("2");
        assertThat(refused.at("/change/changed/F/to").stringValue()).isEqualTo("9");

        JsonNode widened = send(post(table + "/preview"),
                "{\"entries\": {\"F\": \"2\", \"M\": \"1\", \"X\": \"9\"}}", 200);
        assertThat(widened.get("allowed").booleanValue()).isTrue();
        assertThat(widened.get("version").intValue()).isEqualTo(2);
        assertThat(widened.at("/change/added/X").stringValue()).isEqualTo("9");
        assertThat(widened.at("/subscriptions/0/subscription").stringValue()).isEqualTo(subscription);
        assertThat(widened.at("/subscriptions/0/targets/0").stringValue()).isEqualTo("xb");
        assertThat(widened.get("countMessages").stringValue())
                .isEqualTo("POST /api/ops/code-tables/gender-" + suffix + "/impact");
        assertThat(ok(get(table)).get("version").intValue()).as("a preview stores nothing").isEqualTo(1);

        send(put(table), "{\"entries\": {\"F\": \"2\", \"M\": \"1\", \"X\": \"9\"}}", 200);
        JsonNode history = ok(get(table + "/history"));
        assertThat(history.valueStream().map(v -> v.get("version").intValue() + " by " + v.get("by").stringValue()))
                .containsExactly("2 by admin:bootstrap", "1 by admin:bootstrap");
        assertThat(history.at("/0/added").propertyNames()).containsExactly("X");
        assertThat(history.at("/0/removed").isEmpty()).isTrue();
        assertThat(history.at("/1/added").propertyNames()).containsExactlyInAnyOrder("F", "M");
        assertThat(entry("code-table/gender-" + suffix).toString()).as("history is not published")
                .doesNotContain("\"history\"");
    }

    private JsonNode entryWhen(String id, String status, int steps) {
        JsonNode entry = RegistryTopicReader.json(topic.await("subscription/" + id,
                value -> status.equals(value.at("/state/status").stringValue())
                        && value.at("/state/steps").size() == steps));
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, entry)).isEmpty();
        return entry;
    }
}
