package io.fillonce.sync.kit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.TestSubjects;
import io.fillonce.sync.mapping.Subjects;
import io.fillonce.sync.registry.RegistryView;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.fillonce.identity.TestCallers.admin;
import static io.fillonce.identity.TestCallers.cadre;
import static io.fillonce.identity.TestCallers.department;
import static io.fillonce.identity.TestCallers.http;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The onboarding kit over HTTP, on the contract examples' civil affairs department and a health office with a
 * webhook.
 */
@WebMvcTest(KitController.class)
@Import(Kits.class)
class KitControllerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HOOK = "https://health.example.org/fillonce/hook";

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private RegistryView registry;

    /** The real one writes to Kafka: KitIntegrationTests runs it on a broker. */
    @MockitoBean
    private TestEvents testEvents;

    @BeforeEach
    void feedTheRegistry() {
        for (Entry entry : RegistryEntries.civilAffairs()) {
            registry.apply(entry.entry());
        }
        Entry resident = RegistryEntries.example("registry/record-type-resident.json");
        registry.apply(resident.entry());
        registry.apply(new Entry("department/health", """
                {"kind": "department", "id": "health", "revision": 1, "updatedAt": "2026-11-27T08:00:02Z",
                 "state": {"code": "health", "name": "Health Office", "webhook": %s}}"""
                .formatted(RegistryEntries.webhook("health", HOOK, "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
                .entry());
        Entry health = RegistryEntries.subscription("sub-health-resident", "health", "resident", """
                {"name": {"from": "/name"}, "/contact/phone": {"from": "/phone", "transform": "mask",
                 "keepPrefix": 3, "keepSuffix": 4}}""", "null", "[\"topic\", \"webhook\", \"feed\"]");
        registry.apply(health.entry());
    }

    @Test
    void aDepartmentGetsItsPayloadSchemaAnExampleThatFitsItAndHowToConnect() {
        MvcTestResult result = get("/api/kit/civil-affairs", department("civil-affairs"));

        assertThat(result).hasStatusOk();
        JsonNode kit = JSON.readTree(result.getResponse().getContentAsByteArray());
        JsonNode entry = kit.get("subscriptions").get(0);
        assertThat(entry.get("id").asString()).isEqualTo("sub-civil-affairs-resident");
        assertThat(entry.at("/payloadSchema/properties").propertyNames())
                .containsExactlyInAnyOrder("xm", "sfzh", "xb", "jzxx");
        assertThat(entry.at("/example/headers/ce_type").asString()).isEqualTo("fillonce.record.shared");
        assertThat(entry.at("/example/headers/ce_subscription").asString()).isEqualTo("sub-civil-affairs-resident");
        assertThat(entry.at("/example/topic").asString()).isEqualTo("fillonce.dept.civil-affairs");
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(entry.get("payloadSchema"));
        assertThat(schema.validate(entry.at("/example/value"))).isEmpty();
        assertThat(kit.at("/connect/kafka/bootstrapServers").asString()).isEqualTo("kafka.example.org:9094");
        assertThat(kit.at("/connect/kafka/securityProtocol").asString()).isEqualTo("SASL_SSL");
        assertThat(kit.at("/connect/kafka/groupPrefix").asString()).isEqualTo("fillonce.dept.civil-affairs.");
        assertThat(kit.at("/connect/feed/url").asString())
                .isEqualTo("https://fillonce.example.org/api/feeds/civil-affairs");
        assertThat(kit.at("/connect/webhook").isMissingNode()).isTrue();
    }

    @Test
    void aDepartmentReadsOnlyItsOwnKitAndAnAdminAnyone() {
        assertThat(get("/api/kit/health", department("civil-affairs"))).hasStatus(403);
        assertThat(get("/api/kit/health/kit.zip", department("civil-affairs"))).hasStatus(403);
        assertThat(get("/api/kit/civil-affairs/asyncapi.yaml", department("health"))).hasStatus(403);
        assertThat(get("/api/kit/health", cadre("c-1", "370602"))).hasStatus(403);
        assertThat(get("/api/kit/health", admin())).hasStatusOk();
        assertThat(get("/api/kit/nowhere", admin())).hasStatus(404);
        assertThat(mvc.post().uri("/api/kit/health/test-event").headers(http(department("civil-affairs")))
                .exchange()).hasStatus(403);
    }

    @Test
    void aWebhookIsDescribedWithItsStandardWebhooksSignatureButNeverItsSecret() throws Exception {
        MvcTestResult result = get("/api/kit/health", department("health"));

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.connect.webhook.url").isEqualTo(HOOK);
        assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("Standard Webhooks")
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void theArchiveHoldsReadmeSchemasExamplesAsyncApiAndSnippetsWithTheDepartmentsValues() throws IOException {
        MvcTestResult result = get("/api/kit/health/kit.zip", department("health"));

        assertThat(result).hasStatusOk().hasContentType("application/zip");
        Map<String, String> files = unzip(result.getResponse().getContentAsByteArray());
        assertThat(files).containsKeys("README.md", "kit.json", "asyncapi.yaml",
                "schemas/sub-health-resident.schema.json", "examples/sub-health-resident.json", "snippets/kcat.sh",
                "snippets/consume.py", "snippets/Consume.java", "snippets/consume.mjs", "snippets/verify-webhook.mjs",
                "snippets/verify_webhook.py");
        assertThat(files.get("snippets/kcat.sh")).contains("fillonce.dept.health", "-G 'fillonce.dept.health.",
                "isolation.level=read_committed", "librdkafka >= 2.6.1", "kafka.example.org:9094");
        assertThat(files.get("snippets/consume.py")).contains("\"bootstrap.servers\": \"kafka.example.org:9094\"",
                "FILLONCE_KAFKA_PASSWORD");
        assertThat(files.get("README.md")).contains("| sub-health-resident | 1 | resident |", HOOK);
        assertThat(String.join("\n", files.values())).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void theAsyncApiDocumentDescribesTheTopicFeedAndWebhookWithEachPayloadSchema() throws Exception {
        MvcTestResult result = get("/api/kit/health/asyncapi.yaml", department("health"));

        assertThat(result).hasStatusOk();
        String yaml = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode document = YAMLMapper.builder().build().readTree(yaml);
        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(document.at("/channels/topic/address").asString()).isEqualTo("fillonce.dept.health");
        assertThat(document.at("/channels/webhook/address").asString()).isEqualTo("/fillonce/hook");
        assertThat(document.at("/components/schemas/sub-health-resident/properties/contact/additionalProperties")
                .asBoolean(true)).isFalse();
        assertThat(document.at("/servers/kafka/host").asString()).isEqualTo("kafka.example.org:9094");
        assertParsedByTheAsyncApiParser(yaml);
    }

    /** The AsyncAPI Initiative's parser (contracts/src/test/node; CI installs node and it) finds no error. */
    private static void assertParsedByTheAsyncApiParser(String yaml) throws Exception {
        Path checker = Path.of("../contracts/src/test/node").toAbsolutePath().normalize();
        boolean installed = new ProcessBuilder("sh", "-c", "command -v node").start().waitFor() == 0
                && Files.isDirectory(checker.resolve("node_modules/@asyncapi/parser"));
        if (!installed) {
            assertThat(System.getenv("CI")).as("CI must install node and @asyncapi/parser (.ci/run does)")
                    .isNotEqualTo("true");
        }
        Assumptions.assumeTrue(installed, "node or @asyncapi/parser is not installed here");
        Path document = Files.createTempFile("kit-asyncapi", ".yaml");
        Path output = Files.createTempFile("kit-asyncapi", ".out");
        try {
            Files.writeString(document, yaml);
            Process node = new ProcessBuilder("node", "check-asyncapi.mjs", document.toString())
                    .directory(checker.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = node.waitFor(60, TimeUnit.SECONDS);
            if (!finished) {
                node.destroyForcibly();
            }
            String report = Files.readString(output);
            assertThat(finished).as("the parser ended within 60 s: " + report).isTrue();
            assertThat(node.exitValue()).as(report).isZero();
            assertThat(report).contains("0 errors", "servers: kafka,gateway,webhook");
        }
        finally {
            Files.deleteIfExists(document);
            Files.deleteIfExists(output);
        }
    }

    private MvcTestResult get(String uri, Map<String, String> caller) {
        return mvc.get().uri(uri).headers(http(caller)).exchange();
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

    @TestConfiguration
    static class View {

        @Bean
        RegistryView registryView() {
            return new RegistryView(event -> { }, RegistryEntries.SEALING);
        }

        @Bean
        Subjects subjects() {
            return TestSubjects.SUBJECTS;
        }

        @Bean
        KitSettings kitSettings() {
            return new KitSettings("kafka.example.org:9094", "SASL_SSL", "https://fillonce.example.org/");
        }
    }
}
