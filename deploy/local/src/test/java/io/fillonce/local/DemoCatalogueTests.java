package io.fillonce.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loader against a stand-in registry that remembers what exists, as the real one does. */
class DemoCatalogueTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode CATALOGUE = JSON.readTree("""
            {"recordTypes": [{"name": "population"}], "codeTables": [{"name": "gb-gender"}],
             "departments": [{"code": "health-commission"}, {"code": "statistics-bureau"}],
             "subscriptions": [{"department": "health-commission", "recordType": "population", "fields": {}}]}""");

    @TempDir
    Path home;

    private HttpServer server;
    private final Set<String> existing = new HashSet<>();
    private final List<String> calls = new ArrayList<>();
    private final AtomicInteger tooManyRequests = new AtomicInteger();

    @BeforeEach
    void startTheStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopTheStandIn() {
        server.stop(0);
    }

    @Test
    void registersEverythingAndKeepsTheDepartmentKeysPrivate() throws Exception {
        tooManyRequests.set(2);

        var counts = loader().load(CATALOGUE);

        assertThat(counts).containsEntry("departments", 2).containsEntry("subscriptions", 1);
        assertThat(existing).contains("/api/registry/record-types population", "/api/registry/code-tables gb-gender",
                "subscription health-commission population");
        assertThat(Files.readAllLines(home.resolve(DemoCatalogue.KEYS)))
                .containsExactly("health-commission key-health-commission", "statistics-bureau key-statistics-bureau");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(DemoCatalogue.KEYS))))
                .isEqualTo("rw-------");
        Path kafka = home.resolve(DemoCatalogue.KAFKA_CREDENTIALS);
        assertThat(Files.readString(kafka.resolve("health-commission.properties"))).contains(
                "bootstrap.servers=127.0.0.1:9092", "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=SCRAM-SHA-512",
                "username=\"dept.health-commission\" password=\"first-health-commission\";");
        assertThat(Files.readString(kafka.resolve("health-commission.librdkafka.conf"))).contains(
                "sasl.mechanisms=SCRAM-SHA-512", "sasl.username=dept.health-commission",
                "sasl.password=first-health-commission");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                kafka.resolve("health-commission.properties")))).isEqualTo("rw-------");
    }

    @Test
    void resumesAfterAnInterruptionWithoutDuplicatesAndReissuesLostKeys() throws Exception {
        loader().load(CATALOGUE);
        Files.writeString(home.resolve(DemoCatalogue.KEYS), "health-commission key-health-commission\n");
        calls.clear();

        loader().load(CATALOGUE);

        assertThat(calls).filteredOn(call -> call.startsWith("POST /api/registry/subscriptions")).isEmpty();
        assertThat(calls).contains("POST /api/registry/principals/department%3Astatistics-bureau/rotate-key")
                .doesNotContain("POST /api/registry/principals/department%3Ahealth-commission/rotate-key");
        assertThat(Files.readAllLines(home.resolve(DemoCatalogue.KEYS)))
                .contains("statistics-bureau rotated-statistics-bureau");
        assertThat(calls).doesNotContain("POST /api/registry/departments/health-commission/kafka-credentials/rotate");

        Files.delete(home.resolve(DemoCatalogue.KAFKA_CREDENTIALS).resolve("statistics-bureau.properties"));
        calls.clear();
        loader().load(CATALOGUE);
        assertThat(calls).contains("POST /api/registry/departments/statistics-bureau/kafka-credentials/rotate");
        assertThat(Files.readString(home.resolve(DemoCatalogue.KAFKA_CREDENTIALS)
                .resolve("statistics-bureau.properties"))).contains("password=\"rotated-statistics-bureau\"");
    }

    @Test
    void stopsAtTheFirstItemTheRegistryRefuses() {
        JsonNode bad = JSON.readTree("{\"recordTypes\": [{\"name\": \"refused\"}]}");

        assertThatThrownBy(() -> loader().load(bad)).hasMessageContaining("HTTP 422");
    }

    /**
     * The cadre workspace and the spreadsheet templates label every field from its schema: each record type's schema
     * and every property, nested too, has an English title and description and a Chinese one under
     * {@code x-l10n.zh-CN}, and every enum value a Chinese label.
     */
    @Test
    void everyRecordTypeAndFieldHasEnglishAndChineseTitlesAndDescriptions() throws IOException {
        JsonNode catalogue = JSON.readTree(Files.readString(Path.of("demo/catalogue.json")));
        List<String> unlabelled = new ArrayList<>();
        int labelled = 0;
        for (JsonNode type : catalogue.path("recordTypes")) {
            labelled += labels(type.path("schema"), type.path("name").asString(), unlabelled);
        }

        assertThat(unlabelled).as("schemas or properties without both languages' title and description").isEmpty();
        assertThat(labelled).as("schemas and properties labelled").isGreaterThanOrEqualTo(235);
    }

    private static int labels(JsonNode schema, String where, List<String> unlabelled) {
        JsonNode chinese = schema.path("x-l10n").path("zh-CN");
        for (JsonNode text : List.of(schema.path("title"), schema.path("description"), chinese.path("title"),
                chinese.path("description"))) {
            if (!text.isString() || text.asString().isBlank()) {
                unlabelled.add(where);
            }
        }
        if (chinese.path("title").isString() && !chinese.path("title").asString().matches(".*\\p{IsHan}.*")) {
            unlabelled.add(where + " (its zh-CN title has no Chinese)");
        }
        for (JsonNode value : schema.path("enum")) {
            if (!chinese.path("enumTitles").path(value.asString()).isString()) {
                unlabelled.add(where + " enum value " + value.asString());
            }
        }
        int count = 1;
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            count += labels(property.getValue(), where + "/" + property.getKey(), unlabelled);
        }
        return count;
    }

    private DemoCatalogue loader() throws IOException {
        return new DemoCatalogue("http://127.0.0.1:" + server.getAddress().getPort(), "admin-key",
                home.resolve(DemoCatalogue.KEYS));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        calls.add(exchange.getRequestMethod() + " " + path);
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode body = JSON.readTree(text.isEmpty() ? "{}" : text);
        if (!"Bearer admin-key".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{}");
        }
        else if (tooManyRequests.getAndDecrement() > 0) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            reply(exchange, 429, "{}");
        }
        else if (path.endsWith("/kafka-credentials/rotate")) {
            reply(exchange, 200, kafkaCredentials(path.split("/")[4], "rotated"));
        }
        else if (path.endsWith("/rotate-key")) {
            reply(exchange, 200, "{\"apiKey\": \"rotated-" + path.split("%3A")[1].split("/")[0] + "\"}");
        }
        else if (path.equals("/api/registry/subscriptions") && query != null) {
            String key = "subscription " + query.replaceAll("department=([^&]+)&recordType=(.+)", "$1 $2");
            reply(exchange, 200, existing.contains(key) ? "{\"items\": [{}]}" : "{\"items\": []}");
        }
        else if (path.equals("/api/registry/subscriptions")) {
            existing.add("subscription " + body.get("department").stringValue() + " " + body.get("recordType").stringValue());
            reply(exchange, 201, "{}");
        }
        else {
            create(exchange, path, body);
        }
    }

    private void create(HttpExchange exchange, String path, JsonNode body) throws IOException {
        String name = body.has("code") ? body.get("code").stringValue() : body.get("name").stringValue();
        if (name.equals("refused")) {
            reply(exchange, 422, "{\"errors\": []}");
        }
        else if (!existing.add(path + " " + name)) {
            reply(exchange, 409, "{}");
        }
        else {
            reply(exchange, 201, body.has("code")
                    ? "{\"apiKey\": \"key-" + name + "\", \"kafka\": " + kafkaCredentials(name, "first") + "}" : "{}");
        }
    }

    private static String kafkaCredentials(String department, String password) {
        return """
                {"bootstrapServers": "127.0.0.1:9092", "securityProtocol": "SASL_PLAINTEXT",
                 "saslMechanism": "SCRAM-SHA-512", "username": "dept.%1$s", "password": "%2$s-%1$s",
                 "topic": "fillonce.dept.%1$s", "groupPrefix": "fillonce.dept.%1$s."}""".formatted(department, password);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
