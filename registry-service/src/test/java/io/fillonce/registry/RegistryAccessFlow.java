package io.fillonce.registry;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.fillonce.contracts.Contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Principals and their keys, paged lists, the API description. */
abstract class RegistryAccessFlow extends SubscriptionLifecycleFlow {

    @Test
    void createsOpsPrincipalsRotatesAndRevokesKeys() throws Exception {
        JsonNode ops = created(post("/api/registry/principals"),
                "{\"id\": \"ops-%s\", \"name\": \"Li Ming\", \"role\": \"OPS\"}".formatted(suffix));
        String id = "ops:ops-" + suffix;
        assertThat(ops.get("principal").stringValue()).isEqualTo(id);
        String firstKey = ops.get("apiKey").stringValue();
        assertThat(entry("principal/" + id).at("/state/keyHash").stringValue()).isEqualTo(sha256(firstKey));

        String secondKey = send(post("/api/registry/principals/" + id + "/rotate-key"), null, 200).get("apiKey")
                .stringValue();
        assertThat(secondKey).isNotEqualTo(firstKey);
        topic.await("principal/" + id, value -> value.at("/state/keyHash").stringValue().equals(sha256(secondKey)));

        assertThat(send(post("/api/registry/principals/" + id + "/revoke"), null, 200).get("active").asBoolean())
                .isFalse();
        JsonNode revoked = RegistryTopicReader.json(topic.await("principal/" + id,
                value -> !value.at("/state/active").asBoolean(true)));
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, revoked)).isEmpty();
        assertThat(ok(get("/api/registry/principals/" + id)).has("keyHash")).isFalse();
        JsonNode cadre = send(post("/api/registry/principals"),
                "{\"id\": \"x\", \"name\": \"X\", \"role\": \"CADRE\"}", 422);
        assertThat(cadre.at("/errors/0/pointer").stringValue()).isEqualTo("/role");
        send(post("/api/registry/principals/ops:nobody/rotate-key"), null, 404);
    }

    @Test
    void pagesAndFiltersLists() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(post("/api/registry/departments"), "{\"code\": \"page-%s-%d\", \"name\": \"D\"}"
                    .formatted(suffix, i), 201);
        }
        JsonNode first = ok(get("/api/registry/departments?code=page-" + suffix + "&limit=2"));
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.at("/items/0/code").stringValue()).isEqualTo("page-" + suffix + "-0");
        assertThat(first.get("next").stringValue()).isEqualTo("page-" + suffix + "-1");
        JsonNode second = ok(get("/api/registry/departments?code=page-" + suffix + "&limit=2&after="
                + first.get("next").stringValue()));
        assertThat(second.at("/items/0/code").stringValue()).isEqualTo("page-" + suffix + "-2");
        assertThat(second.get("items").size()).isEqualTo(1);
        assertThat(second.get("next").isNull()).as("the last page names no next").isTrue();
        JsonNode tooBig = send(get("/api/registry/subscriptions?limit=1001"), null, 400);
        assertThat(tooBig.at("/errors/0/pointer").stringValue()).isEqualTo("limit");
        assertThat(tooBig.at("/errors/0/rule").stringValue()).isEqualTo("maximum");
        JsonNode notANumber = send(get("/api/registry/subscriptions?limit=many"), null, 400);
        assertThat(notANumber.at("/errors/0/rule").stringValue()).isEqualTo("type");
        String type = registerResidentType();
        subscribe(type);
        assertThat(ok(get("/api/registry/subscriptions?recordType=" + type + "&channel=topic")).get("items").size())
                .isEqualTo(1);
        assertThat(ok(get("/api/registry/subscriptions?recordType=" + type + "&channel=webhook")).get("items")
                .size()).isZero();
        assertThat(ok(get("/api/registry/record-types?name=" + type)).at("/items/0/name").stringValue())
                .isEqualTo(type);
    }

    @Test
    void documentsTheNewEndpoints() throws Exception {
        JsonNode api = JSON.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        assertThat(api.get("paths").propertyNames()).contains("/api/registry/record-types/{name}/impact",
                "/api/registry/departments/{code}/webhook-secret/rotate", "/api/registry/principals/{id}/rotate-key",
                "/api/registry/principals/{id}/revoke", "/api/registry/departments/{code}/webhook/disable");
        assertThat(api.at("/paths/~1api~1registry~1record-types~1{name}~1impact/post").isObject()).isTrue();
        assertThat(api.at("/paths/~1api~1registry~1record-types~1{name}~1impact/get").isObject()).isTrue();
    }
}
