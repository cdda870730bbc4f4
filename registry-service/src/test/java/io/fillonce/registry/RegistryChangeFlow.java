package io.fillonce.registry;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.fillonce.contracts.Contracts;
import io.fillonce.registry.department.PrincipalRepair;
import io.fillonce.registry.department.Webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/** Changing what exists: record type evolution and impact, department webhooks, repair after a crash. */
abstract class RegistryChangeFlow extends RegistryFlow {

    @Autowired
    PrincipalRepair principalRepair;

    @Autowired
    Webhooks webhooks;

    @Test
    void refusesAnIncompatibleVersionListingEachPointerButAcceptsANewOptionalProperty() throws Exception {
        String type = registerResidentType();
        ObjectNode narrowed = version(type);
        narrowed.withObject("/schema/properties/name").put("maxLength", 10);
        narrowed.withObject("/schema/properties/gender").putArray("enum").add("F");
        // a "default" would make it safe in Avro; in JSON Schema nothing fills it into the records already stored
        narrowed.withObject("/schema/properties").putObject("email").put("type", "string").put("default", "");
        narrowed.withArray("/schema/required").add("email");
        JsonNode problem = send(put("/api/registry/record-types/" + type), narrowed.toString(), 409);

        assertThat(Contracts.violations(Contracts.PROBLEM, problem)).isEmpty();
        assertThat(problem.get("type").stringValue()).isEqualTo("https://fillonce.io/problems/incompatible");
        assertThat(problem.get("errors").values().stream().map(e -> e.get("pointer").stringValue() + " "
                + e.get("rule").stringValue())).containsExactlyInAnyOrder("/name maxLength", "/gender enum",
                        "/email newRequired");

        ObjectNode optional = version(type);
        optional.withObject("/schema/properties").putObject("email").put("type", "string");
        assertThat(send(put("/api/registry/record-types/" + type), optional.toString(), 200).get("version").asInt())
                .isEqualTo(2);
    }

    @Test
    void refusesAVersionThatBreaksASubscriptionEvenInModeNone() throws Exception {
        String type = registerResidentType();
        String subscription = subscribe(type);
        ObjectNode withoutAddress = version(type);
        withoutAddress.withObject("/schema/properties").remove("address");
        withoutAddress.put("compatibility", "NONE");
        JsonNode problem = send(put("/api/registry/record-types/" + type), withoutAddress.toString(), 409);

        assertThat(problem.at("/errors/0/pointer").stringValue()).isEqualTo("/address/line");
        assertThat(problem.at("/errors/0/rule").stringValue()).isEqualTo("subscription");
        assertThat(problem.at("/subscriptions/0/subscription").stringValue()).isEqualTo(subscription);
        assertThat(problem.at("/subscriptions/0/target").stringValue()).isEqualTo("dz");
        assertThat(ok(get("/api/registry/record-types/" + type)).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void answersTheImpactOfAChangeBeforeItIsMade() throws Exception {
        String type = registerResidentType();
        subscribe(type);
        JsonNode removal = ok(get("/api/registry/record-types/" + type + "/impact?remove=/address/line"));
        assertThat(removal.get("compatible").asBoolean()).isTrue();
        assertThat(removal.get("safe").asBoolean()).isFalse();
        assertThat(removal.at("/breaks/0/target").stringValue()).isEqualTo("dz");
        assertThat(removal.at("/breaks/0/pointer").stringValue()).isEqualTo("/fields/dz/from");

        JsonNode rename = ok(get("/api/registry/record-types/" + type + "/impact?rename=/name:/fullName"));
        assertThat(rename.at("/incompatibilities/0/pointer").stringValue()).isEqualTo("/fullName");
        assertThat(rename.at("/breaks/0/target").stringValue()).isEqualTo("xm");

        ObjectNode proposal = JSON.createObjectNode();
        ObjectNode schema = (ObjectNode) version(type).get("schema");
        schema.withObject("/properties/gender").putArray("enum").add("F").add("M").add("X");
        proposal.set("schema", schema);
        JsonNode widened = send(post("/api/registry/record-types/" + type + "/impact"), proposal.toString(), 200);
        assertThat(widened.get("compatible").asBoolean()).isTrue();
        assertThat(widened.at("/breaks/0/rule").stringValue()).isEqualTo("coverage");
        assertThat(widened.at("/breaks/0/target").stringValue()).isEqualTo("xb");
        send(get("/api/registry/record-types/" + type + "/impact?remove=/nothing"), null, 422);
    }

    @Test
    void issuesRotatesAndPublishesWebhookSecrets() throws Exception {
        String code = "hooked-" + suffix;
        JsonNode created = created(post("/api/registry/departments"),
                "{\"code\": \"%s\", \"name\": \"Hooked\", \"webhook\": {\"url\": \"https://dept.example/h\"}}"
                        .formatted(code));
        String first = created.at("/webhook/secret").stringValue();
        assertThat(first).matches("^whsec_[A-Za-z0-9+/=]{44}$");
        JsonNode published = entry("department/" + code);
        assertThat(published.toString()).as("never in clear on the topic").doesNotContain(first);
        assertThat(RegistryTopicReader.secret(published, 0)).isEqualTo(first);
        assertThat(ok(get("/api/registry/departments/" + code)).toString()).doesNotContain(first);

        String second = send(post("/api/registry/departments/" + code + "/webhook-secret/rotate"), null, 200)
                .get("secret").stringValue();
        JsonNode rotated = RegistryTopicReader.json(topic.await("department/" + code,
                value -> value.at("/state/webhook/sealedSecrets").size() == 2));
        assertThat(RegistryTopicReader.secret(rotated, 0)).isEqualTo(second);
        assertThat(RegistryTopicReader.secret(rotated, 1)).isEqualTo(first);
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, rotated)).isEmpty();

        mongo.getCollection("departments").updateOne(new Document("_id", code), new Document("$set",
                new Document("webhook.previousSecretUntil", Date.from(Instant.now().minusSeconds(1)))));
        webhooks.expirePreviousSecrets();
        JsonNode expired = RegistryTopicReader.json(topic.await("department/" + code,
                value -> value.at("/state/webhook/sealedSecrets").size() == 1
                        && RegistryTopicReader.secret(value, 0).equals(second)));
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, expired)).isEmpty();

        send(post("/api/registry/departments/" + code + "/webhook/disable"), null, 200);
        topic.await("department/" + code, value -> !value.at("/state/webhook/active").asBoolean(true));
        send(post("/api/registry/departments"), "{\"code\": \"plain-%s\", \"name\": \"P\", \"webhook\": {\"url\": "
                .formatted(suffix) + "\"http://dept.example/h\"}}", 422);
    }

    @Test
    void changesADepartmentButKeepsAWebhookSubscriptionsDeliverTo() throws Exception {
        String type = registerResidentType();
        String code = "moving-" + suffix;
        created(post("/api/registry/departments"),
                "{\"code\": \"%s\", \"name\": \"Old\", \"webhook\": {\"url\": \"https://a.example/h\"}}"
                        .formatted(code));
        created(post("/api/registry/subscriptions"), """
                {"department": "%s", "recordType": "%s", "purpose": "p", "legalBasis": "l",
                 "fields": {"xm": {"from": "/name"}}, "channels": ["webhook"]}
                """.formatted(code, type));
        send(put("/api/registry/departments/" + code), "{\"name\": \"New\"}", 409);
        JsonNode moved = send(put("/api/registry/departments/" + code),
                "{\"name\": \"New\", \"webhook\": {\"url\": \"https://b.example/h\"}}", 200);
        assertThat(moved.at("/webhook/url").stringValue()).isEqualTo("https://b.example/h");
        assertThat(moved.at("/webhook/secret").isMissingNode()).as("the secret is not shown again").isTrue();
        JsonNode published = RegistryTopicReader.json(topic.await("department/" + code,
                value -> value.at("/state/name").stringValue().equals("New")));
        assertThat(published.at("/state/webhook/url").stringValue()).isEqualTo("https://b.example/h");
        assertThat(published.at("/state/webhook/sealedSecrets").size()).isEqualTo(1);
    }

    @Test
    void givesAWebhookStoredWithoutSecretsOne() {
        String code = "legacy-" + suffix;
        mongo.getCollection("departments").insertOne(new Document("_id", code).append("name", "Legacy")
                .append("webhook", new Document("url", "https://legacy.example/h"))
                .append("revision", 1L).append("updatedAt", new Date()).append("published", true).append("lock", 0L));

        webhooks.expirePreviousSecrets();
        JsonNode repaired = RegistryTopicReader.json(topic.await("department/" + code,
                value -> value.at("/state/webhook/sealedSecrets").size() == 1));
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, repaired)).isEmpty();
        assertThat(repaired.at("/state/webhook/active").asBoolean()).isTrue();
    }

    @Test
    void createsThePrincipalACrashLeftOut() {
        String code = "orphan-" + suffix;
        mongo.getCollection("departments").insertOne(new Document("_id", code).append("name", "Orphan")
                .append("revision", 1L).append("updatedAt", Date.from(Instant.now().minusSeconds(120)))
                .append("published", false).append("lock", 0L));

        assertThat(principalRepair.repair(Instant.now().minusSeconds(60))).isGreaterThanOrEqualTo(1);
        JsonNode principal = entry("principal/department:" + code);
        assertThat(principal.at("/state/active").asBoolean()).isTrue();
        assertThat(principal.at("/state/department").stringValue()).isEqualTo(code);
        assertThat(principalRepair.repair(Instant.now().minusSeconds(60))).isZero();
    }

    @Test
    void refusesCodeTableChangesThatBreakASubscriptionButAcceptsNewCodes() throws Exception {
        String type = registerResidentType();
        String subscription = subscribe(type);
        String table = "gender-" + suffix;
        JsonNode removed = send(put("/api/registry/code-tables/" + table), "{\"entries\": {\"F\": \"2\"}}", 409);
        assertThat(removed.at("/errors/0/pointer").stringValue()).isEqualTo("/entries/M");
        assertThat(removed.at("/subscriptions/0/subscription").stringValue()).isEqualTo(subscription);
        assertThat(removed.at("/subscriptions/0/target").stringValue()).isEqualTo("xb");
        JsonNode changed = send(put("/api/registry/code-tables/" + table),
                "{\"entries\": {\"F\": \"9\", \"M\": \"1\"}}", 409);
        assertThat(changed.at("/errors/0/pointer").stringValue()).isEqualTo("/entries/F");
        JsonNode added = send(put("/api/registry/code-tables/" + table),
                "{\"entries\": {\"F\": \"2\", \"M\": \"1\", \"X\": \"9\"}}", 200);
        assertThat(added.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void refusesUncoveredSensitiveFieldsAndWebhooksADepartmentCannotReceive() throws Exception {
        String type = registerResidentType();
        String department = "plain-" + suffix;
        send(post("/api/registry/departments"), "{\"code\": \"%s\", \"name\": \"D\"}".formatted(department), 201);
        JsonNode problem = send(post("/api/registry/subscriptions"), """
                {"department": "%s", "recordType": "%s", "purpose": "p", "legalBasis": "l",
                 "fields": {"sfzh": {"from": "/idNumber"}}, "channels": ["feed", "webhook"]}
                """.formatted(department, type), 422);
        assertThat(problem.get("errors").values().stream().map(e -> e.get("pointer").stringValue() + " "
                + e.get("rule").stringValue())).containsExactly("/channels/1 webhook", "/fields/sfzh/from legalBasis");
    }

    String subscribe(String type) throws Exception {
        String department = "sub-dept-" + suffix;
        send(post("/api/registry/departments"), "{\"code\": \"%s\", \"name\": \"D\"}".formatted(department), 201);
        String table = "gender-" + suffix;
        send(post("/api/registry/code-tables"), "{\"name\": \"%s\", \"entries\": {\"F\": \"2\", \"M\": \"1\"}}"
                .formatted(table), 201);
        return created(post("/api/registry/subscriptions"), """
                {"department": "%s", "recordType": "%s", "purpose": "p", "legalBasis": "l",
                 "fields": {"xm": {"from": "/name"}, "dz": {"from": "/address/line"},
                            "xb": {"from": "/gender", "codeTable": "%s"}},
                 "channels": ["topic"]}
                """.formatted(department, type, table)).get("id").stringValue();
    }

    private ObjectNode version(String type) throws Exception {
        ObjectNode current = (ObjectNode) ok(get("/api/registry/record-types/" + type));
        ObjectNode request = JSON.createObjectNode();
        request.put("title", current.get("title").stringValue());
        request.set("entityKey", current.get("entityKey"));
        request.set("schema", current.get("schema"));
        request.set("sensitivity", current.get("sensitivity"));
        return request;
    }
}
