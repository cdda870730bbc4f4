package io.fillonce.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the demo catalogue (deploy/local/demo/catalogue.json) through the gateway as the bootstrap admin, so
 * every item passes the registry's own validation: record types, code tables, departments (their API keys go to
 * {@code demo-keys}, mode 600; their Kafka credentials, where the registry issues them, to {@code demo-kafka/} as
 * Java client properties and librdkafka configuration, mode 600), subscriptions. Safe to run
 * again after an interruption: what exists is kept (a department whose key or Kafka credentials were lost gets new
 * ones), a subscription is created only when its department has none for its record type. Writes
 * {@code demo-catalogue.loaded} when everything is in.
 * <p>
 * Usage: {@code DemoCatalogue <catalogue.json> <gateway url> <FILLONCE_HOME>}
 */
public final class DemoCatalogue {

    static final String MARKER = "demo-catalogue.loaded";
    static final String KEYS = "demo-keys";
    static final String KAFKA_CREDENTIALS = "demo-kafka";
    private static final int ATTEMPTS = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String gateway;
    private final String adminKey;
    private final Path keysFile;
    private final Map<String, String> keys;

    DemoCatalogue(String gateway, String adminKey, Path keysFile) throws IOException {
        this.gateway = gateway;
        this.adminKey = adminKey;
        this.keysFile = keysFile;
        this.keys = readKeys(keysFile);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DemoCatalogue <catalogue.json> <gateway url> <FILLONCE_HOME>");
            System.exit(2);
        }
        Path home = Path.of(args[2]);
        long start = System.nanoTime();
        JsonNode catalogue = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[0])));
        String adminKey = Files.readString(home.resolve("admin.key")).trim();
        try {
            Map<String, Integer> counts = new DemoCatalogue(args[1], adminKey, home.resolve(KEYS)).load(catalogue);
            Files.writeString(home.resolve(MARKER), "loaded " + counts + "\n");
            System.out.printf("Demo catalogue loaded in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, counts);
        }
        catch (LoadFailed e) {
            System.err.println("Demo catalogue not (fully) loaded: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Registers everything in order; answers how many of each kind the catalogue holds. */
    Map<String, Integer> load(JsonNode catalogue) throws IOException, InterruptedException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("record types", createAll(catalogue.path("recordTypes"), "/api/registry/record-types"));
        counts.put("code tables", createAll(catalogue.path("codeTables"), "/api/registry/code-tables"));
        int departments = 0;
        for (JsonNode department : catalogue.path("departments")) {
            department(department);
            departments++;
        }
        counts.put("departments", departments);
        int subscriptions = 0;
        for (JsonNode subscription : catalogue.path("subscriptions")) {
            subscription(subscription);
            subscriptions++;
        }
        counts.put("subscriptions", subscriptions);
        return counts;
    }

    private int createAll(JsonNode items, String path) throws IOException, InterruptedException {
        int count = 0;
        for (JsonNode item : items) {
            HttpResponse<String> reply = send("POST", path, item);
            expect(reply, path + " " + item.path("name").asString(), 201, 409);
            count++;
        }
        return count;
    }

    private void department(JsonNode department) throws IOException, InterruptedException {
        String code = department.path("code").asString();
        HttpResponse<String> reply = send("POST", "/api/registry/departments", department);
        expect(reply, "department " + code, 201, 409);
        if (reply.statusCode() == 201) {
            JsonNode created = json.readTree(reply.body());
            saveKey(code, created.path("apiKey").asString());
            saveKafkaCredentials(code, created.path("kafka"));
            return;
        }
        if (!keys.containsKey(code)) {
            HttpResponse<String> rotated = send("POST", "/api/registry/principals/"
                    + URLEncoder.encode("department:" + code, StandardCharsets.UTF_8) + "/rotate-key", null);
            expect(rotated, "new key for department " + code, 200);
            saveKey(code, json.readTree(rotated.body()).path("apiKey").asString());
        }
        if (!Files.exists(kafkaFile(code))) {
            HttpResponse<String> rotated = send("POST", "/api/registry/departments/" + code
                    + "/kafka-credentials/rotate", null);
            expect(rotated, "Kafka credentials of department " + code, 200, 409);
            if (rotated.statusCode() == 200) {
                saveKafkaCredentials(code, json.readTree(rotated.body()));
            }
        }
    }

    private Path kafkaFile(String code) {
        return keysFile.resolveSibling(KAFKA_CREDENTIALS).resolve(code + ".properties");
    }

    /**
     * The department's Kafka credentials as Java client properties ({@code <code>.properties}) and as librdkafka
     * configuration for kcat -F, confluent-kafka and the like ({@code <code>.librdkafka.conf}); nothing when the
     * registry issued none.
     */
    private void saveKafkaCredentials(String code, JsonNode kafka) throws IOException {
        if (!kafka.isObject()) {
            return;
        }
        String username = kafka.path("username").asString();
        String password = kafka.path("password").asString();
        String common = "# department " + code + ": reads " + kafka.path("topic").asString()
                + "; its consumer groups are named " + kafka.path("groupPrefix").asString() + "*\n"
                + "bootstrap.servers=" + kafka.path("bootstrapServers").asString() + "\n"
                + "security.protocol=" + kafka.path("securityProtocol").asString() + "\n";
        writePrivately(kafkaFile(code), common + "sasl.mechanism=" + kafka.path("saslMechanism").asString() + "\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + username + "\" password=\"" + password + "\";\n");
        writePrivately(kafkaFile(code).resolveSibling(code + ".librdkafka.conf"), common
                + "sasl.mechanisms=" + kafka.path("saslMechanism").asString() + "\n"
                + "sasl.username=" + username + "\n" + "sasl.password=" + password + "\n");
    }

    private static void writePrivately(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    private void subscription(JsonNode subscription) throws IOException, InterruptedException {
        String department = subscription.path("department").asString();
        String recordType = subscription.path("recordType").asString();
        String what = "subscription of " + department + " to " + recordType;
        HttpResponse<String> existing = send("GET", "/api/registry/subscriptions?department="
                + URLEncoder.encode(department, StandardCharsets.UTF_8) + "&recordType="
                + URLEncoder.encode(recordType, StandardCharsets.UTF_8), null);
        expect(existing, what, 200);
        if (json.readTree(existing.body()).path("items").isEmpty()) {
            expect(send("POST", "/api/registry/subscriptions", subscription), what, 201);
        }
    }

    /** Retries while the gateway or registry is not ready yet or the admin's rate limit says so. */
    private HttpResponse<String> send(String method, String path, JsonNode body) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> reply = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (!List.of(401, 429, 502, 503, 504).contains(reply.statusCode())) {
                return reply;
            }
            Thread.sleep(reply.headers().firstValue("Retry-After").filter(s -> s.trim().matches("\\d{1,3}"))
                    .map(s -> Long.parseLong(s.trim()) * 1000).orElse(250L * attempt));
        }
        return reply;
    }

    private static void expect(HttpResponse<String> reply, String what, int... statuses) {
        for (int status : statuses) {
            if (reply.statusCode() == status) {
                return;
            }
        }
        throw new LoadFailed(what + ": HTTP " + reply.statusCode() + " " + reply.body());
    }

    private void saveKey(String code, String apiKey) throws IOException {
        if (!Files.exists(keysFile)) {
            Files.createFile(keysFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(keysFile, code + " " + apiKey + "\n", StandardOpenOption.APPEND);
        keys.put(code, apiKey);
    }

    private static Map<String, String> readKeys(Path file) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split(" ", 2);
                if (parts.length == 2) {
                    keys.put(parts[0], parts[1]);
                }
            }
        }
        return keys;
    }

    static final class LoadFailed extends RuntimeException {

        LoadFailed(String message) {
            super(message);
        }
    }
}
