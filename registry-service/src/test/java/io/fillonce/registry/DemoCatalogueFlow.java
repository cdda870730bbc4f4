package io.fillonce.registry;

import io.fillonce.identity.TestCallers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The demo catalogue ./fillonce up loads (deploy/local/demo/catalogue.json) registers in full through the public
 * API, so the file can never drift from what the registry accepts, and stays as big as issue 3 asks.
 */
abstract class DemoCatalogueFlow extends RegistryAccessFlow {

    static final Path CATALOGUE = Path.of("..", "deploy", "local", "demo", "catalogue.json");

    @Test
    void registersTheWholeDemoCatalogue() throws Exception {
        JsonNode catalogue = JSON.readTree(Files.readString(CATALOGUE, StandardCharsets.UTF_8));

        createAll(catalogue.get("recordTypes"), "/api/registry/record-types");
        createAll(catalogue.get("codeTables"), "/api/registry/code-tables");
        createAll(catalogue.get("departments"), "/api/registry/departments");
        createAll(catalogue.get("subscriptions"), "/api/registry/subscriptions");

        for (JsonNode subscription : catalogue.get("subscriptions")) {
            JsonNode found = reply(get("/api/registry/subscriptions").param("department",
                    subscription.get("department").stringValue()).param("recordType",
                    subscription.get("recordType").stringValue()), null, 200);
            assertThat(found.get("items").size()).as(subscription.get("department") + " x "
                    + subscription.get("recordType")).isEqualTo(1);
        }
    }

    @Test
    void isAsBigAsADirectoryOfSharedItemsAndUsesEveryTransformKind() throws Exception {
        JsonNode catalogue = JSON.readTree(Files.readString(CATALOGUE, StandardCharsets.UTF_8));

        assertThat(catalogue.get("departments").size()).isGreaterThanOrEqualTo(30);
        assertThat(catalogue.get("recordTypes").size()).isGreaterThanOrEqualTo(8);
        assertThat(catalogue.get("recordTypes").valueStream().mapToInt(type -> leaves(type.get("schema"))).sum())
                .isGreaterThanOrEqualTo(200);
        Set<String> used = new TreeSet<>();
        catalogue.get("subscriptions").forEach(subscription -> subscription.get("fields").forEach(rule -> {
            rule.optional("transform").ifPresent(transform -> used.add(transform.stringValue()));
            rule.optional("default").ifPresent(value -> used.add("default"));
            rule.optional("codeTable").ifPresent(value -> used.add("codeTable"));
        }));
        assertThat(used).containsAll(List.of("mask", "hash", "date", "number", "concat", "constant", "default",
                "codeTable"));
    }

    @Test
    void leavesTheReadmeWalkThroughNamesFree() throws Exception {
        JsonNode catalogue = JSON.readTree(Files.readString(CATALOGUE, StandardCharsets.UTF_8));

        assertThat(names(catalogue.get("recordTypes"), "name")).isNotEmpty().doesNotContain("resident");
        assertThat(names(catalogue.get("codeTables"), "name")).isNotEmpty().doesNotContain("gender-civil");
        assertThat(names(catalogue.get("departments"), "code")).isNotEmpty().doesNotContain("civil-affairs");
    }

    private static List<String> names(JsonNode items, String property) {
        return items.valueStream().map(item -> item.get(property).stringValue()).toList();
    }

    /** Shared data items: the leaf properties of a record type's schema. */
    private static int leaves(JsonNode schema) {
        int count = 0;
        for (JsonNode property : schema.get("properties")) {
            count += property.has("properties") ? leaves(property) : 1;
        }
        return count;
    }

    private void createAll(JsonNode items, String path) throws Exception {
        for (JsonNode item : items) {
            reply(post(path), item.toString(), 201);
        }
    }

    private JsonNode reply(MockHttpServletRequestBuilder request, String body, int status) throws Exception {
        TestCallers.admin().forEach(request::header);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MvcResult result = mvc.perform(request).andReturn();
        String response = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(body + " -> " + response).isEqualTo(status);
        return JSON.readTree(response);
    }
}
