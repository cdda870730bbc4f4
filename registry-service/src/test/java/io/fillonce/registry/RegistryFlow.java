package io.fillonce.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fillonce.contracts.trust.RegistrySignature;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.fillonce.contracts.Contracts;
import io.fillonce.identity.TestCallers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The registry's behaviour over HTTP and on fillonce.registry, run against the embedded broker and Mongo-wire
 * server ({@link RegistryIntegrationTests}) and against real containers ({@link RegistryContainersIntegrationTests}).
 * Every test uses its own names, so they share one application context and one broker.
 */
abstract class RegistryFlow {

    static final String ADMIN_KEY = "test-bootstrap-admin-key";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    MongoTemplate mongo;

    RegistryTopicReader topic;
    final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void openTopic() {
        topic = new RegistryTopicReader(kafkaAdmin);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void publishesEveryResourceAsAContractConformingEntry() throws Exception {
        String type = registerResidentType();
        String table = "gender-" + suffix;
        created(post("/api/registry/code-tables"), "{\"name\": \"%s\", \"entries\": {\"F\": \"2\", \"M\": \"1\"}}"
                .formatted(table));
        String department = "civil-" + suffix;
        JsonNode dept = created(post("/api/registry/departments"), """
                {"code": "%s", "name": "Civil Affairs Bureau", "webhook": {"url": "https://dept.example/hooks"}}
                """.formatted(department));
        JsonNode cadre = created(post("/api/registry/cadres"),
                "{\"id\": \"c-%s\", \"name\": \"Wang Fang\", \"regionCode\": \"370602\"}".formatted(suffix));
        JsonNode subscription = created(post("/api/registry/subscriptions"), civilAffairsSubscription(department, type,
                table));

        assertThat(subscription.get("id").stringValue()).startsWith("sub-");
        assertThat(subscription.at("/fields/sfzh/keepPrefix").asInt()).isEqualTo(6);
        entry("record-type/" + type);
        entry("code-table/" + table);
        assertThat(entry("department/" + department).at("/state/webhook/url").stringValue())
                .isEqualTo("https://dept.example/hooks");
        assertThat(entry("subscription/" + subscription.get("id").stringValue()).at("/state/fields/~1jzxx~1dz/from")
                .stringValue()).isEqualTo("/address/line");
        assertThat(entry("subscription/" + subscription.get("id").stringValue()).at("/state/subjects").stringValue())
                .as("it maps the ID number masked: the department sees pseudonyms").isEqualTo("PSEUDONYM");
        JsonNode disclosing = created(post("/api/registry/subscriptions"), civilAffairsSubscription(department, type,
                table).replace("\"sfzh\": {\"from\": \"/idNumber\", \"transform\": \"mask\"}",
                        "\"sfzh\": {\"from\": \"/idNumber\"}"));
        assertThat(disclosing.get("subjects").stringValue()).isEqualTo("CLEAR");
        assertThat(entry("subscription/" + disclosing.get("id").stringValue()).at("/state/subjects").stringValue())
                .isEqualTo("CLEAR");
        assertOnlyTheKeyHashIsPublished("department:" + department, dept.get("apiKey").stringValue(), "DEPARTMENT");
        assertOnlyTheKeyHashIsPublished("cadre:c-" + suffix, cadre.get("apiKey").stringValue(), "CADRE");
    }

    @Test
    void showsApiKeysOnlyOnCreation() throws Exception {
        String department = "health-" + suffix;
        JsonNode created = created(post("/api/registry/departments"),
                "{\"code\": \"%s\", \"name\": \"Health Commission\"}".formatted(department));
        assertThat(created.get("apiKey").stringValue()).startsWith("fo_").hasSizeGreaterThan(40);
        assertThat(created.get("principal").stringValue()).isEqualTo("department:" + department);

        JsonNode read = ok(get("/api/registry/departments/" + department));
        JsonNode listed = ok(get("/api/registry/departments"));
        JsonNode cadres = ok(get("/api/registry/cadres"));
        assertThat(read.has("apiKey")).isFalse();
        assertThat(listed.toString() + cadres).doesNotContain("apiKey", "keyHash", created.get("apiKey").stringValue());
    }

    @Test
    void keepsEveryVersionOfARecordType() throws Exception {
        String type = registerResidentType();
        JsonNode v2 = send(put("/api/registry/record-types/" + type), residentType(null, "Resident (v2)"), 200);

        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(ok(get("/api/registry/record-types/" + type)).get("title").stringValue()).isEqualTo("Resident (v2)");
        assertThat(ok(get("/api/registry/record-types/" + type + "/versions/1")).get("title").stringValue())
                .isEqualTo("Resident basic information");
        send(get("/api/registry/record-types/" + type + "/versions/3"), null, 404);
        JsonNode published = RegistryTopicReader.json(topic.await("record-type/" + type,
                value -> value.at("/state/version").asInt() == 2));
        assertThat(published.get("revision").asInt()).isEqualTo(2);
        assertThat(published.at("/state/schema/properties/idNumber/type").stringValue()).isEqualTo("string");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mvc.perform(get("/actuator/prometheus"))
                .andReturn().getResponse().getContentAsString())
                .containsPattern("fillonce_registry_entries_published_total\\{application=\"registry-service\","
                        + "kind=\"record-type\"} [1-9]")
                .contains("fillonce_registry_publish_backlog{application=\"registry-service\"}"));
    }

    @Test
    void listsEveryProblemOfAnInvalidSubscription() throws Exception {
        String type = registerResidentType();
        String request = """
                {"department": "nobody-%s", "recordType": "%s", "purpose": "", "legalBasis": "art. 12",
                 "fields": {"sfzh": {"from": "/idNumbr", "transform": "mask"}, "dz": {"from": "/address/street"}},
                 "filter": {"field": "/region", "startsWith": "3706"}, "channels": ["topic", "fax"]}
                """.formatted(suffix, type);
        JsonNode problem = send(post("/api/registry/subscriptions"), request, 422);

        assertThat(Contracts.violations(Contracts.PROBLEM, problem)).isEmpty();
        assertThat(problem.get("errors").values().stream().map(error -> error.get("pointer").stringValue())).containsExactly("/department", "/purpose",
                "/fields/sfzh/from", "/fields/dz/from", "/filter/field", "/channels/1");
        assertThat(problem.toString()).contains("unknown channel 'fax'; available: topic, feed, webhook");
    }

    @Test
    void answersBadInputWithProblemDetails() throws Exception {
        String type = registerResidentType();
        send(post("/api/registry/record-types"), residentType(type, "Again"), 409);
        JsonNode misspelt = send(post("/api/registry/code-tables"), "{\"name\": \"x\", \"entris\": {}}", 422);
        assertThat(misspelt.at("/errors/0/pointer").stringValue()).isEqualTo("/entris");
        assertThat(misspelt.at("/errors/0/rule").stringValue()).isEqualTo("unknownProperty");
        send(post("/api/registry/cadres"), "{\"id\": ", 400);
        send(get("/api/registry/subscriptions/sub-none"), null, 404);

        MvcResult anonymous = mvc.perform(get("/api/registry/record-types")).andReturn();
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(401);
        assertThat(anonymous.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void refusesNumbersAndBooleansWhereTextOrANameBelongs() throws Exception {
        long cadres = registryTotal("cadres");
        for (String id : List.of("1e999999", "42", "-0.5", "true")) {
            JsonNode problem = send(post("/api/registry/cadres"),
                    "{\"id\": " + id + ", \"name\": \"N\", \"regionCode\": \"370602\"}", 422);
            assertThat(Contracts.violations(Contracts.PROBLEM, problem)).isEmpty();
            assertThat(problem.at("/errors/0/pointer").stringValue()).as(id).isEqualTo("/id");
            assertThat(problem.at("/errors/0/rule").stringValue()).isEqualTo("type");
        }
        JsonNode entry = send(post("/api/registry/code-tables"), "{\"name\": \"n-" + suffix
                + "\", \"entries\": {\"F\": 2}}", 422);
        assertThat(entry.at("/errors/0/pointer").stringValue()).isEqualTo("/entries/F");
        JsonNode role = send(post("/api/registry/principals"), "{\"id\": \"p-" + suffix
                + "\", \"name\": \"N\", \"role\": 0}", 422);
        assertThat(role.at("/errors/0/pointer").stringValue()).as("a number is no role").isEqualTo("/role");
        assertThat(registryTotal("cadres")).as("nothing stored").isEqualTo(cadres);
    }

    private long registryTotal(String collection) throws Exception {
        return send(get("/api/registry/" + collection + "?limit=1000"), null, 200).get("items").size();
    }

    @Test
    void republishesWhatACrashLeftUnpublished() {
        String table = "crashed-" + suffix;
        mongo.getCollection("code_tables").insertOne(new Document("_id", table).append("version", 1)
                .append("entries", List.of(new Document("canonical", "F").append("code", "2")))
                .append("revision", 1L).append("updatedAt", new java.util.Date()).append("published", false)
                .append("lock", 0L));

        assertThat(entry("code-table/" + table).at("/state/entries/F").stringValue()).isEqualTo("2");
        await().untilAsserted(() -> assertThat(mongo.getCollection("code_tables")
                .find(new Document("_id", table)).first().getBoolean("published")).isTrue());
    }

    @Test
    void makesSureTheBootstrapAdminExists() {
        JsonNode admin = entry("principal/admin:bootstrap");
        assertThat(admin.at("/state/role").stringValue()).isEqualTo("ADMIN");
        assertThat(admin.at("/state/active").asBoolean()).isTrue();
        assertThat(admin.at("/state/keyHash").stringValue()).isEqualTo(sha256(ADMIN_KEY));
    }

    @Test
    void servesProbesAndOpenApi() throws Exception {
        for (String path : List.of("/livez", "/readyz", "/actuator/health")) {
            assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).as(path).isEqualTo(200);
        }
        JsonNode api = JSON.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        assertThat(api.get("paths").propertyNames()).contains("/api/registry/subscriptions",
                "/api/registry/record-types/{name}/versions/{version}");
        assertThat(api.at("/components/securitySchemes/gateway-api-key/scheme").stringValue()).isEqualTo("bearer");
        JsonNode list = api.at("/paths/~1api~1registry~1subscriptions/get");
        assertThat(list.path("responses").propertyNames()).as("a list's problems").contains("400", "401", "403");
        assertThat(list.path("parameters").valueStream().map(p -> p.path("name").stringValue()))
                .contains("limit", "after");
        assertThat(api.at("/paths/~1api~1registry~1subscriptions/post/responses").propertyNames())
                .as("a body's problems").contains("401", "403", "415", "422");
        assertThat(list.path("parameters").valueStream().map(p -> p.path("name").stringValue()))
                .as("the verified caller is no client parameter").doesNotContain("caller", "principal", "role");
    }

    private void assertOnlyTheKeyHashIsPublished(String principal, String apiKey, String role) {
        ConsumerRecord<String, String> record = topic.await("principal/" + principal);
        assertThat(record.value()).doesNotContain(apiKey);
        JsonNode value = RegistryTopicReader.json(record);
        assertThat(value.at("/state/keyHash").stringValue()).isEqualTo(sha256(apiKey));
        assertThat(value.at("/state/role").stringValue()).isEqualTo(role);
    }

    /**
     * The entry published under {@code key}, after checking it against the contract and that its one header is the
     * signature (checked by the reader), no Java type headers.
     */
    JsonNode entry(String key) {
        ConsumerRecord<String, String> record = topic.await(key);
        assertThat(record.headers().toArray()).extracting(Header::key).containsExactly(RegistrySignature.HEADER);
        JsonNode value = RegistryTopicReader.json(record);
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, value)).as(key).isEmpty();
        assertThat(key).isEqualTo(value.get("kind").stringValue() + "/" + value.get("id").stringValue());
        return value;
    }

    String registerResidentType() throws Exception {
        String name = "resident-" + suffix;
        JsonNode created = created(post("/api/registry/record-types"), residentType(name, "Resident basic information"));
        assertThat(created.get("version").asInt()).isEqualTo(1);
        return name;
    }

    static String residentType(String name, String title) {
        ObjectNode state = (ObjectNode) Contracts.example("registry/record-type-resident.json").at("/value/state")
                .deepCopy();
        state.remove("version");
        state.put("title", title);
        if (name == null) {
            state.remove("name");
        }
        else {
            state.put("name", name);
        }
        return state.toString();
    }

    static String civilAffairsSubscription(String department, String type, String table) {
        return """
                {"department": "%s", "recordType": "%s",
                 "purpose": "minimum living allowance eligibility", "legalBasis": "Social Assistance Measures art. 12",
                 "fields": {"xm": {"from": "/name"}, "sfzh": {"from": "/idNumber", "transform": "mask"},
                            "xb": {"from": "/gender", "codeTable": "%s"}, "/jzxx/dz": {"from": "/address/line"}},
                 "filter": {"field": "/regionCode", "startsWith": "3706"},
                 "channels": ["topic", "webhook"], "sensitiveFields": ["/idNumber"]}
                """.formatted(department, type, table);
    }

    JsonNode created(MockHttpServletRequestBuilder request, String body) throws Exception {
        return send(request, body, 201);
    }

    JsonNode ok(MockHttpServletRequestBuilder request) throws Exception {
        return send(request, null, 200);
    }

    JsonNode send(MockHttpServletRequestBuilder request, String body, int status) throws Exception {
        return sendAs(TestCallers.caller("admin:bootstrap", "ADMIN", null, null), request, body, status);
    }

    /** {@code request} as {@code caller} (e.g. {@code TestCallers.department(code)}), expecting {@code status}. */
    JsonNode sendAs(Map<String, String> caller, MockHttpServletRequestBuilder request, String body, int status)
            throws Exception {
        request.headers(TestCallers.http(caller));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MvcResult result = mvc.perform(request).andReturn();
        String response = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(response).isEqualTo(status);
        return JSON.readTree(response);
    }

    static String sha256(String text) throws IllegalStateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
