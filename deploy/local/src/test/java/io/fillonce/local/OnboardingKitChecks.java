package io.fillonce.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13's proof for the onboarding kit, on the local stack with the demo catalogue: for every demo subscription
 * (and one more that a department with a webhook holds, since no demo department has one), the department fetches
 * its kit, a record made from the kit's own sample (with a fresh entity key) is submitted, and what the department
 * then really got, on its topic (its own SCRAM credentials, committed messages only), its feed and its webhook, is
 * validated against the kit's payload schema by Python's jsonschema, a validator Fill Once did not write. Every
 * payload must be valid; the same payload with one field the subscription does not map must not be. Then a test event
 * the department asks for reaches all three channels, and the kit's own webhook snippet verifies its signature.
 * Without python3 and its jsonschema the check is skipped, except in CI ({@code CI=true}), where it fails: CI
 * installs them.
 */
final class OnboardingKitChecks {

    static final String HOOKED = "kit-hook-office";
    private static final String SHARED = "fillonce.record.shared";
    private static final String TEST_EVENT = "fillonce.test";
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Path VALIDATOR = Path.of("src/test/python/validate_payloads.py");

    private final LocalStack stack;
    private final GatewayClient gateway;
    private final JsonNode catalogue;
    private final Map<String, String> keys;
    private final Map<String, JsonNode> kits = new HashMap<>();
    private Properties hookedKafka;
    private String hookedSecret;
    private String hookedSubscription;
    private int serial;

    /** One delivery the check waits for: the subscription's department, channels, payload schema and event id. */
    private record Expected(String department, String recordType, List<String> channels, JsonNode schema,
            String eventId) {

        String about(String channel) {
            return department + "/" + recordType + " " + channel + " " + eventId;
        }
    }

    OnboardingKitChecks(LocalStack stack, GatewayClient gateway) throws IOException {
        this.stack = stack;
        this.gateway = gateway;
        this.catalogue = GatewayClient.JSON.readTree(Files.readString(Path.of("demo/catalogue.json")));
        this.keys = demoKeys(stack.home());
    }

    void deliveredMessagesOnEveryChannelFitTheKitsPayloadSchemas() throws Exception {
        requireJsonschema();
        String admin = stack.adminKey();
        try (WebhookEndpoint endpoint = new WebhookEndpoint()) {
            try {
                List<JsonNode> subscriptions = new ArrayList<>();
                catalogue.get("subscriptions").forEach(subscriptions::add);
                subscriptions.add(registerHookedSubscriber(admin, endpoint));
                assertKitsAreTheirDepartmentsOwn(admin);

                List<Expected> expected = new ArrayList<>();
                for (JsonNode subscription : subscriptions) {
                    expected.add(submitFromKit(admin, subscription));
                }
                assertThat(expected).hasSizeGreaterThan(40);

                List<ObjectNode> cases = new ArrayList<>();
                Map<String, List<Expected>> byDepartment = expected.stream()
                        .collect(Collectors.groupingBy(Expected::department, LinkedHashMap::new,
                                Collectors.toList()));
                for (Map.Entry<String, List<Expected>> department : byDepartment.entrySet()) {
                    Map<String, JsonNode> topic = readTopic(department.getKey(), ids(department.getValue()), SHARED);
                    Map<String, JsonNode> feed = readFeed(department.getKey(), ids(department.getValue()), SHARED);
                    for (Expected delivery : department.getValue()) {
                        cases.addAll(casesOf(delivery, "topic", topic.get(delivery.eventId())));
                        cases.addAll(casesOf(delivery, "feed", feed.get(delivery.eventId())));
                        if (delivery.channels().contains("webhook")) {
                            cases.addAll(casesOf(delivery, "webhook", awaitWebhook(endpoint, delivery.eventId())));
                        }
                    }
                }
                assertThat(cases.stream().filter(c -> c.get("about").asString().contains(" webhook "))).isNotEmpty();
                assertValidatedByJsonschema(cases);
                assertATestEventReachesEveryChannelSignedAsTheKitsSnippetVerifies(endpoint);
            }
            finally {
                endHookedSubscription(admin, endpoint);
            }
        }
    }

    /**
     * The stack is shared by the tests after this one: the extra department's sharing ends while its endpoint still
     * answers (its ended notice is delivered), so later records do not wait on a webhook that is gone.
     */
    private void endHookedSubscription(String admin, WebhookEndpoint endpoint) throws Exception {
        if (hookedSubscription == null) {
            return;
        }
        GatewayClient.Reply ended = gateway.post("/api/registry/subscriptions/" + hookedSubscription + "/end", admin,
                "{\"reason\": \"the onboarding kit check is over\"}");
        assertThat(ended.status()).as(String.valueOf(ended.body())).isEqualTo(200);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (endpoint.body(hookedSubscription + ":ended") == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertThat(endpoint.headers(hookedSubscription + ":ended")).as("the ended notice, posted before the "
                + "endpoint goes").isNotNull();
    }

    /**
     * A test event the department asks for reaches its topic (committed), its feed and its webhook; the kit's own
     * Python snippet (kit.zip's snippets/verify_webhook.py, run as written) verifies the post's signature and refuses
     * the same post with its body changed.
     */
    private void assertATestEventReachesEveryChannelSignedAsTheKitsSnippetVerifies(WebhookEndpoint endpoint)
            throws Exception {
        GatewayClient.Reply sent = gateway.post("/api/kit/" + HOOKED + "/test-event", keys.get(HOOKED), "{}");
        assertThat(sent.status()).as(String.valueOf(sent.body())).isEqualTo(202);
        String id = sent.body().get("id").asString();
        assertThat(sent.body().get("channels").valueStream().map(c -> c.get("channel").asString()))
                .containsExactly("topic", "feed", "webhook");
        assertThat(readTopic(HOOKED, List.of(id), TEST_EVENT).get(id).get("test").asBoolean()).isTrue();
        assertThat(readFeed(HOOKED, List.of(id), TEST_EVENT).get(id).get("test").asBoolean()).isTrue();
        JsonNode posted = awaitWebhook(endpoint, id);
        assertThat(posted.get("test").asBoolean()).isTrue();
        assertThat(endpoint.headers(id)).containsEntry("fillonce-type", TEST_EVENT);

        Map<String, String> snippets = unzip(download("/api/kit/" + HOOKED + "/kit.zip", keys.get(HOOKED)));
        Path snippet = Files.createTempFile("verify_webhook", ".py");
        try {
            Files.writeString(snippet, snippets.get("snippets/verify_webhook.py"));
            String body = endpoint.body(id);
            assertThat(runVerifier(snippet, endpoint.headers(id), body)).contains("'test': True");
            assertThatThrownBy(() -> runVerifier(snippet, endpoint.headers(id), body.replace("true", "false")))
                    .hasMessageContaining("no webhook-signature matches");
        }
        finally {
            Files.deleteIfExists(snippet);
        }
    }

    /** The snippet's output; an AssertionError with it when the snippet refused the post. */
    private String runVerifier(Path snippet, Map<String, String> headers, String body) throws Exception {
        ProcessBuilder python = new ProcessBuilder("python3", snippet.toString(), headers.get("webhook-id"),
                headers.get("webhook-timestamp"), headers.get("webhook-signature")).redirectErrorStream(true);
        python.environment().put("FILLONCE_WEBHOOK_SECRET", hookedSecret);
        Process process = python.start();
        try (var in = process.getOutputStream()) {
            in.write(body.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (process.exitValue() != 0) {
            throw new AssertionError(out);
        }
        return out;
    }

    private byte[] download(String path, String apiKey) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.gateway() + path)).header("Authorization", "Bearer " + apiKey).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** A department of its own with a webhook, subscribed like the demo's civil affairs bureau plus a nested field. */
    private JsonNode registerHookedSubscriber(String admin, WebhookEndpoint endpoint) throws Exception {
        GatewayClient.Reply department = gateway.post("/api/registry/departments", admin, """
                {"code": "%s", "name": "Kit Webhook Office", "webhook": {"url": "%s"}}
                """.formatted(HOOKED, endpoint.url()));
        assertThat(department.status()).as(String.valueOf(department.body())).isEqualTo(201);
        keys.put(HOOKED, department.body().get("apiKey").asString());
        hookedSecret = department.body().at("/webhook/secret").asString();
        hookedKafka = KafkaPrincipals.of(department.body().get("kafka"));
        ObjectNode subscription = catalogue.get("subscriptions").valueStream()
                .filter(s -> s.get("department").asString().equals("civil-affairs-bureau")
                        && s.get("recordType").asString().equals("population"))
                .findFirst().map(s -> (ObjectNode) s.deepCopy()).orElseThrow();
        subscription.put("department", HOOKED);
        ((ObjectNode) subscription.get("fields")).putObject("/jzxx/sq").put("from", "/address/community");
        ArrayNode channels = subscription.putArray("channels");
        channels.add("topic").add("feed").add("webhook");
        GatewayClient.Reply created = gateway.post("/api/registry/subscriptions", admin, subscription.toString());
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        hookedSubscription = created.body().get("id").asString();
        return subscription;
    }

    /** A department reads its own kit, not another's; an administrator reads any. */
    private void assertKitsAreTheirDepartmentsOwn(String admin) throws Exception {
        JsonNode kit = kit(HOOKED);
        assertThat(kit.at("/connect/webhook/url").asString()).startsWith("http://127.0.0.1:");
        assertThat(kit.at("/connect/kafka/topic").asString()).isEqualTo("fillonce.dept." + HOOKED);
        assertThat(kit.at("/connect/kafka/groupPrefix").asString()).isEqualTo("fillonce.dept." + HOOKED + ".");
        assertThat(kit.at("/connect/kafka/isolationLevel").asString()).isEqualTo("read_committed");
        assertThat(kit.at("/connect/kafka/bootstrapServers").asString()).isEqualTo(stack.kafka());
        assertThat(gateway.get("/api/kit/civil-affairs-bureau", keys.get(HOOKED)).status()).isEqualTo(403);
        assertThat(gateway.get("/api/kit/" + HOOKED, admin).status()).isEqualTo(200);
    }

    private Expected submitFromKit(String admin, JsonNode subscription) throws Exception {
        String department = subscription.get("department").asString();
        String recordType = subscription.get("recordType").asString();
        JsonNode entry = kit(department).get("subscriptions").valueStream()
                .filter(s -> s.get("recordType").asString().equals(recordType)).findFirst()
                .orElseThrow(() -> new AssertionError("the kit of " + department + " lists no " + recordType));
        assertThat(entry.has("example")).as(department + "/" + recordType + ": " + entry.get("exampleProblem"))
                .isTrue();
        ObjectNode record = (ObjectNode) entry.get("sampleRecord").deepCopy();
        for (JsonNode key : recordType(recordType).get("entityKey")) {
            record.put(key.asString(), freshKey(record.get(key.asString())));
        }
        GatewayClient.Reply submitted = submit(admin, recordType, record);
        assertThat(submitted.status()).as(recordType + " " + record + " -> " + submitted.body()).isEqualTo(201);
        List<String> channels = entry.get("channels").valueStream().map(JsonNode::asString).toList();
        return new Expected(department, recordType, channels, entry.get("payloadSchema"),
                submitted.body().get("recordId").asString() + ":1");
    }

    private GatewayClient.Reply submit(String admin, String recordType, JsonNode record) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        GatewayClient.Reply reply = gateway.post("/api/records/" + recordType, admin, record.toString());
        while (reply.status() == 429 && System.nanoTime() < deadline) {
            TimeUnit.SECONDS.sleep(1); // the gateway's rate limit: the admin's burst
            reply = gateway.post("/api/records/" + recordType, admin, record.toString());
        }
        return reply;
    }

    /** A fresh entity key in the sample key's shape: an ID number's digits, else a text. */
    private String freshKey(JsonNode sample) {
        serial++;
        return sample != null && sample.asString("").matches("[0-9]{17}[0-9X]")
                ? "91" + "%015d".formatted(serial) + "X" : "kit-" + serial;
    }

    private JsonNode kit(String department) throws Exception {
        JsonNode known = kits.get(department);
        if (known != null) {
            return known;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        GatewayClient.Reply reply;
        do {
            reply = gateway.get("/api/kit/" + department, keys.get(department));
            if (reply.status() == 200 && !reply.body().get("subscriptions").isEmpty()) {
                kits.put(department, reply.body());
                return reply.body();
            }
            TimeUnit.MILLISECONDS.sleep(500); // its key, department and subscriptions reach sync within seconds
        }
        while (System.nanoTime() < deadline);
        throw new AssertionError("no kit for " + department + " within 30 s: " + reply.status() + " " + reply.body());
    }

    /**
     * The payloads on the department's topic by {@code ce_id}, read as the department connects by its kit: its own
     * SCRAM credentials ({@code demo-kafka/} for the demo's), its topic, a group under its prefix, committed only.
     */
    private Map<String, JsonNode> readTopic(String department, List<String> ids, String type) throws Exception {
        JsonNode connect = kit(department).at("/connect/kafka");
        Properties config = department.equals(HOOKED) ? hookedKafka
                : load(stack.home().resolve("demo-kafka").resolve(department + ".properties"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, connect.get("groupPrefix").asString() + "kit-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, connect.get("isolationLevel").asString());
        Map<String, JsonNode> payloads = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(connect.get("topic").asString()));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!payloads.keySet().containsAll(ids) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader("ce_id");
                    Header ceType = record.headers().lastHeader("ce_type");
                    if (id != null && ceType != null && type.equals(text(ceType))) {
                        payloads.put(text(id), GatewayClient.JSON.readTree(record.value()));
                    }
                }
            }
        }
        assertThat(payloads.keySet()).as("delivered on the topic of " + department).containsAll(ids);
        return payloads;
    }

    /** The feed items' data by id, read through the gateway with the department's API key. */
    private Map<String, JsonNode> readFeed(String department, List<String> ids, String event) throws Exception {
        Map<String, JsonNode> data = new HashMap<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String after = "";
        while (!data.keySet().containsAll(ids) && System.nanoTime() < deadline) {
            GatewayClient.Reply page = gateway.get("/api/feeds/" + department + "?limit=500&after=" + after,
                    keys.get(department));
            assertThat(page.status()).as(String.valueOf(page.body())).isEqualTo(200);
            for (JsonNode item : page.body().get("items")) {
                if (event.equals(item.path("event").asString())) {
                    data.put(item.get("id").asString(), item.get("data"));
                }
            }
            if (page.body().get("items").isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
            else {
                after = page.body().path("next").asString(after);
            }
        }
        assertThat(data.keySet()).as("served by the feed of " + department).containsAll(ids);
        return data;
    }

    private static JsonNode awaitWebhook(WebhookEndpoint endpoint, String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (endpoint.body(eventId) == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertThat(endpoint.body(eventId)).as("posted to the webhook: " + eventId).isNotNull();
        return GatewayClient.JSON.readTree(endpoint.body(eventId));
    }

    /** The payload as delivered, and the same with one field its subscription does not map (which must fail). */
    private static List<ObjectNode> casesOf(Expected delivery, String channel, JsonNode payload) {
        ObjectNode real = GatewayClient.JSON.createObjectNode();
        real.put("about", delivery.about(channel));
        real.set("schema", delivery.schema());
        real.set("payload", payload);
        ObjectNode unmapped = real.deepCopy();
        unmapped.put("about", "UNMAPPED " + delivery.about(channel));
        ((ObjectNode) unmapped.get("payload")).put("notMappedByTheSubscription", "x");
        return List.of(real, unmapped);
    }

    private static void assertValidatedByJsonschema(List<ObjectNode> cases) throws Exception {
        Path input = Files.createTempFile("kit-cases", ".json");
        Path output = Files.createTempFile("kit-cases", ".out");
        try {
            Files.writeString(input, GatewayClient.JSON.writeValueAsString(cases));
            Process python = new ProcessBuilder("python3", VALIDATOR.toString(), input.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = python.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                python.destroyForcibly();
            }
            String out = Files.readString(output);
            assertThat(finished).as("jsonschema finished within 120 s").isTrue();
            assertThat(python.exitValue()).as(out).isZero();
            Map<String, JsonNode> results = out.lines().map(GatewayClient.JSON::readTree)
                    .collect(Collectors.toMap(line -> line.get("about").asString(), Function.identity()));
            assertThat(results).hasSameSizeAs(cases);
            System.out.println("Python's jsonschema validated " + cases.size() / 2 + " delivered payloads (and as many "
                    + "with a field no subscription maps, refused)");
            results.forEach((about, result) -> {
                if (about.startsWith("UNMAPPED ")) {
                    assertThat(result.get("errors")).as(about + " must fail").isNotEmpty();
                }
                else {
                    assertThat(result.get("errors")).as(about).isEmpty();
                }
            });
        }
        finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
    }

    private JsonNode recordType(String name) {
        return catalogue.get("recordTypes").valueStream().filter(type -> type.get("name").asString().equals(name))
                .findFirst().orElseThrow();
    }

    private static List<String> ids(List<Expected> expected) {
        return expected.stream().map(Expected::eventId).toList();
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }

    /** The demo departments' API keys, which ./fillonce up wrote to {@code demo-keys} ("code key" lines). */
    private static Map<String, String> demoKeys(Path home) throws IOException {
        Map<String, String> keys = new HashMap<>();
        for (String line : Files.readAllLines(home.resolve("demo-keys"))) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2) {
                keys.put(parts[0], parts[1]);
            }
        }
        return keys;
    }

    /** Python's jsonschema, or the check is skipped (outside CI) where this machine has none. */
    private static void requireJsonschema() throws IOException, InterruptedException {
        boolean present = new ProcessBuilder("python3", "-c", "from jsonschema import Draft202012Validator")
                .start().waitFor() == 0;
        if (!present) {
            assertThat(System.getenv("CI")).as("CI must install python3 and python3-jsonschema").isNotEqualTo("true");
        }
        Assumptions.assumeTrue(present, "needs python3 with jsonschema (Debian python3-jsonschema)");
    }
}
