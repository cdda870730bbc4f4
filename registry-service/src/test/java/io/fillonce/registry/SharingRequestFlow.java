package io.fillonce.registry;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.fillonce.contracts.Contracts;
import io.fillonce.identity.TestCallers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Departments ask for data and the record type's owner decides: the catalogue a department chooses from, a request
 * rejected, a request approved by its owner and (for SENSITIVE fields) an administrator into a subscription that
 * keeps every step, and a change requested with a re-sync.
 */
abstract class SharingRequestFlow extends RegistryChangeFlow {

    private static final String REQUESTS = "/api/registry/sharing-requests";

    @Test
    void showsADepartmentTheCatalogueItMayAskFromWithoutData() throws Exception {
        String type = registerResidentType();
        String owner = department("owner");
        send(put("/api/registry/record-types/" + type + "/owner"), "{\"owner\": \"%s\"}".formatted(owner), 200);
        JsonNode refused = send(put("/api/registry/record-types/" + type + "/owner"), "{\"owner\": \"nobody\"}", 422);
        assertThat(refused.at("/errors/0/pointer").stringValue()).isEqualTo("/owner");

        JsonNode entry = sendAs(TestCallers.department(department("asker")), get("/api/registry/catalogue?name="
                + type), null, 200).at("/items/0");
        assertThat(entry.get("owner").stringValue()).isEqualTo(owner);
        Map<String, JsonNode> fields = new HashMap<>();
        entry.get("fields").values().forEach(field -> fields.put(field.get("pointer").stringValue(), field));
        assertThat(fields).containsKeys("/idNumber", "/name", "/address", "/address/line", "/regionCode");
        assertThat(fields.get("/idNumber").get("sensitivity").stringValue()).isEqualTo("SENSITIVE");
        assertThat(fields.get("/idNumber").get("required").booleanValue()).isTrue();
        assertThat(fields.get("/name").get("sensitivity").stringValue()).isEqualTo("PERSONAL");
        assertThat(fields.get("/regionCode").get("sensitivity").isNull()).as("not classified").isTrue();
        assertThat(entry.has("schema")).as("fields, not the raw schema").isFalse();
    }

    @Test
    void anOwnerRejectsARequestWithAReasonAndNothingIsSubscribed() throws Exception {
        String type = registerResidentType();
        String owner = department("owner");
        String asker = department("asker");
        String stranger = department("stranger");
        send(put("/api/registry/record-types/" + type + "/owner"), "{\"owner\": \"%s\"}".formatted(owner), 200);

        JsonNode invalid = sendAs(TestCallers.department(asker), post(REQUESTS),
                request(type, "{\"xm\": {\"from\": \"/nickname\"}}", ""), 422);
        assertThat(Contracts.violations(Contracts.PROBLEM, invalid)).isEmpty();
        assertThat(invalid.at("/errors/0/pointer").stringValue()).isEqualTo("/fields/xm/from");
        sendAs(TestCallers.admin(), post(REQUESTS), request(type, "{\"xm\": {\"from\": \"/name\"}}", ""), 403);

        JsonNode filed = sendAs(TestCallers.department(asker), post(REQUESTS),
                request(type, "{\"xm\": {\"from\": \"/name\"}}", ""), 201);
        String id = filed.get("id").stringValue();
        assertThat(filed.get("status").stringValue()).isEqualTo("REQUESTED");
        assertThat(filed.get("department").stringValue()).isEqualTo(asker);
        assertThat(filed.get("approvals").size()).as("no SENSITIVE field: the owner alone").isEqualTo(1);
        assertThat(filed.at("/approvals/0/department").stringValue()).isEqualTo(owner);

        sendAs(TestCallers.department(stranger), get(REQUESTS + "/" + id), null, 404);
        sendAs(TestCallers.department(asker), post(REQUESTS + "/" + id + "/approve"), "{\"reason\": \"mine\"}", 403);
        sendAs(TestCallers.department(owner), post(REQUESTS + "/" + id + "/reject"), "{\"reason\": \" \"}", 422);
        assertThat(sendAs(TestCallers.department(owner), get(REQUESTS + "?status=REQUESTED"), null, 200).get("items")
                .valueStream().map(each -> each.get("id").stringValue())).as("the owner's inbox").contains(id);
        JsonNode rejected = sendAs(TestCallers.department(owner), post(REQUESTS + "/" + id + "/reject"),
                "{\"reason\": \"the purpose does not need names\"}", 200);
        assertThat(rejected.get("status").stringValue()).isEqualTo("REJECTED");
        assertThat(rejected.at("/approvals/0/decision").stringValue()).isEqualTo("REJECTED");
        assertThat(rejected.get("steps").valueStream().map(step -> step.get("step").stringValue()))
                .containsExactly("requested", "rejected");
        send(get("/api/registry/subscriptions/" + rejected.get("subscription").stringValue()), null, 404);
        send(post(REQUESTS + "/" + id + "/approve"), "{\"reason\": \"too late\"}", 409);
        assertThat(sendAs(TestCallers.department(asker), get(REQUESTS + "/" + id), null, 200).at("/steps/1/reason")
                .stringValue()).isEqualTo("the purpose does not need names");
    }

    @Test
    void theOwnerAndAnAdminApproveSensitiveFieldsIntoASubscriptionThatKeepsEveryStep() throws Exception {
        String type = registerResidentType();
        String owner = department("owner");
        String asker = department("asker");
        send(put("/api/registry/record-types/" + type + "/owner"), "{\"owner\": \"%s\"}".formatted(owner), 200);
        JsonNode filed = sendAs(TestCallers.department(asker), post(REQUESTS),
                request(type, "{\"xm\": {\"from\": \"/name\"}, \"sfzh\": {\"from\": \"/idNumber\"}}",
                        ", \"sensitiveFields\": [\"/idNumber\"]"), 201);
        String id = filed.get("id").stringValue();
        assertThat(filed.get("sensitiveReads").valueStream().map(JsonNode::stringValue)).containsExactly("/idNumber");
        assertThat(filed.get("approvals").valueStream().map(a -> a.get("party").stringValue()))
                .containsExactly("OWNER", "ADMIN");

        String onIdNumber = ", \"filter\": {\"field\": \"/idNumber\", \"startsWith\": \"3706\"}";
        JsonNode filtering = sendAs(TestCallers.department(asker), post(REQUESTS), request(type,
                "{\"xm\": {\"from\": \"/name\"}}", onIdNumber), 201);
        assertThat(filtering.get("sensitiveReads").valueStream().map(JsonNode::stringValue))
                .as("which entities arrive tells about a field the filter tests").containsExactly("/idNumber");
        assertThat(filtering.get("approvals").size()).isEqualTo(2);

        JsonNode half = sendAs(TestCallers.department(owner), post(REQUESTS + "/" + id + "/approve"),
                "{\"reason\": \"allowance checks need it\"}", 200);
        assertThat(half.get("status").stringValue()).as("the admin's approval is still due").isEqualTo("REQUESTED");
        sendAs(TestCallers.department(owner), post(REQUESTS + "/" + id + "/approve"), "{\"reason\": \"again\"}", 403);
        JsonNode approved = sendAs(TestCallers.admin(), post(REQUESTS + "/" + id + "/approve"),
                "{\"reason\": \"covered by art. 12\"}", 200);
        assertThat(approved.get("status").stringValue()).isEqualTo("APPROVED");

        String subscription = approved.get("subscription").stringValue();
        JsonNode created = sendAs(TestCallers.department(asker), get("/api/registry/subscriptions/" + subscription),
                null, 200);
        assertThat(created.get("status").stringValue()).isEqualTo("ACTIVE");
        assertThat(created.get("department").stringValue()).isEqualTo(asker);
        assertThat(created.get("steps").valueStream().map(step -> step.get("step").stringValue() + " by "
                + step.get("by").stringValue())).containsExactly("requested by department:" + asker,
                "approved by department:" + owner, "approved by admin:it", "created by admin:it");
        assertThat(created.get("steps").valueStream().map(step -> step.get("request").stringValue()))
                .containsOnly(id);
        JsonNode entry = RegistryTopicReader.json(topic.await("subscription/" + subscription));
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, entry)).isEmpty();
        assertThat(entry.at("/state/steps/0/step").stringValue()).isEqualTo("requested");

        sendAs(TestCallers.department(owner), get("/api/registry/subscriptions/" + subscription), null, 404);
        assertThat(sendAs(TestCallers.department(asker), get("/api/registry/subscriptions?department=" + owner),
                null, 200).get("items").valueStream().map(each -> each.get("id").stringValue()))
                .as("a department lists only its own").containsExactly(subscription);
    }

    @Test
    void aDepartmentRequestsAChangeWithAReSyncAndItsOwnerApprovesIt() throws Exception {
        String type = registerResidentType();
        String asker = department("asker");
        JsonNode first = sendAs(TestCallers.department(asker), post(REQUESTS),
                request(type, "{\"xm\": {\"from\": \"/name\"}}", ""), 201);
        assertThat(first.at("/approvals/0/department").isNull()).as("no owner: the administrators").isTrue();
        String subscription = sendAs(TestCallers.admin(), post(REQUESTS + "/" + first.get("id").stringValue()
                + "/approve"), "{\"reason\": \"fine\"}", 200).get("subscription").stringValue();

        String change = request(type, "{\"xm\": {\"from\": \"/name\"}, \"dz\": {\"from\": \"/address/line\"}}",
                ", \"subscription\": \"%s\", \"resync\": true".formatted(subscription));
        JsonNode filed = sendAs(TestCallers.department(asker), post(REQUESTS), change, 201);
        assertThat(filed.get("changesVersion").intValue()).isEqualTo(1);
        assertThat(filed.get("resync").booleanValue()).isTrue();
        sendAs(TestCallers.department(asker), post(REQUESTS), change, 409);
        String foreign = department("other");
        JsonNode notMine = sendAs(TestCallers.department(foreign), post(REQUESTS), change, 422);
        assertThat(notMine.at("/errors/0/pointer").stringValue()).isEqualTo("/subscription");

        send(post(REQUESTS + "/" + filed.get("id").stringValue() + "/approve"), "{\"reason\": \"ok\"}", 200);
        JsonNode changed = send(get("/api/registry/subscriptions/" + subscription), null, 200);
        assertThat(changed.get("version").intValue()).isEqualTo(2);
        assertThat(changed.get("resyncVersion").intValue()).isEqualTo(2);
        assertThat(changed.get("fields").propertyNames()).containsExactly("xm", "dz");
        JsonNode entry = RegistryTopicReader.json(topic.await("subscription/" + subscription,
                value -> value.at("/state/version").intValue() == 2));
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, entry)).isEmpty();
        assertThat(entry.at("/state/resyncVersion").intValue()).isEqualTo(2);

        JsonNode withdrawn = sendAs(TestCallers.department(asker), post(REQUESTS), change.replace("true", "false"),
                201);
        sendAs(TestCallers.department(asker), post(REQUESTS + "/" + withdrawn.get("id").stringValue() + "/withdraw"),
                "{\"reason\": \"asked twice\"}", 200);
        assertThat(send(get(REQUESTS + "/" + withdrawn.get("id").stringValue()), null, 200).get("status")
                .stringValue()).isEqualTo("WITHDRAWN");
    }

    private String department(String role) throws Exception {
        String code = role + "-" + suffix;
        send(post("/api/registry/departments"), "{\"code\": \"%s\", \"name\": \"D\"}".formatted(code), 201);
        return code;
    }

    private static String request(String type, String fields, String more) {
        return """
                {"recordType": "%s", "purpose": "minimum living allowance eligibility",
                 "legalBasis": "Social Assistance Measures art. 12", "fields": %s, "channels": ["topic"]%s}
                """.formatted(type, fields, more);
    }
}
