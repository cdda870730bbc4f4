package io.fillonce.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ContractsTests {

    @ParameterizedTest
    @CsvSource({
            "records/resident-upserted.json, record-event.schema.json",
            "registry/record-type-resident.json, registry-entry.schema.json",
            "registry/code-table-gender-civil.json, registry-entry.schema.json",
            "registry/department-civil-affairs.json, registry-entry.schema.json",
            "registry/subscription-civil-affairs-resident.json, registry-entry.schema.json",
            "registry/subscription-health-commission-resident.json, registry-entry.schema.json",
            "registry/principal-cadre.json, registry-entry.schema.json",
            "departments/civil-affairs-resident.json, department-record.schema.json"})
    void everyExampleMessageConformsToItsSchema(String example, String schema) {
        assertThat(Contracts.violations(schema, Contracts.example(example).get("value"))).isEmpty();
    }

    /**
     * Checked by a parser we did not write: the AsyncAPI Initiative's own (src/test/node; CI installs node and it).
     * It resolves the schema references and checks every channel, operation, message example and security scheme.
     */
    @Test
    void theAsyncApiDocumentPassesTheAsyncApiParser() throws Exception {
        Path checker = Path.of("src/test/node");
        boolean installed = new ProcessBuilder("sh", "-c", "command -v node").start().waitFor() == 0
                && Files.isDirectory(checker.resolve("node_modules/@asyncapi/parser"));
        if (!installed) {
            assertThat(System.getenv("CI")).as("CI must install node and @asyncapi/parser (.ci/run does)")
                    .isNotEqualTo("true");
        }
        Assumptions.assumeTrue(installed, "node or @asyncapi/parser is not installed here");
        Path output = Files.createTempFile("asyncapi", ".out");
        try {
            Process node = new ProcessBuilder("node", "check-asyncapi.mjs",
                    Path.of("asyncapi.yaml").toAbsolutePath().toString()).directory(checker.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = node.waitFor(60, TimeUnit.SECONDS);
            if (!finished) {
                node.destroyForcibly();
            }
            String report = Files.readString(output);
            assertThat(finished).as(report).isTrue();
            assertThat(node.exitValue()).as(report).isZero();
            assertThat(report).contains("0 errors; servers: local");
        }
        finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void theProblemExampleConformsToTheProblemSchema() {
        assertThat(Contracts.violations(Contracts.PROBLEM, Contracts.example("problem-validation.json"))).isEmpty();
    }

    @Test
    void aRecordEventWithoutItsVersionIsRefused() {
        ObjectNode event = (ObjectNode) Contracts.example("records/resident-upserted.json").get("value").deepCopy();
        event.remove("version");
        List<String> violations = Contracts.violations(Contracts.RECORD_EVENT, event);
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("version"));
    }

    @Test
    void aRegistryEntryStateIsCheckedAgainstItsKind() {
        JsonNode principal = Contracts.example("registry/principal-cadre.json").get("value").deepCopy();
        ((ObjectNode) principal.get("state")).put("role", "ROOT");
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, principal)).isNotEmpty();
    }

    @Test
    void aFieldRuleReadsItsSourcesAsItsTransformRequires() {
        for (String rule : List.of("{\"transform\": \"concat\", \"from\": \"/a\", \"sources\": [\"/a\"]}",
                "{\"transform\": \"constant\"}", "{\"transform\": \"date\", \"from\": \"/a\"}",
                "{\"transform\": \"number\", \"from\": \"/a\"}", "{\"transform\": \"upper\", \"from\": \"/a\"}",
                "{\"codeTable\": \"t\"}")) {
            JsonNode subscription = Contracts.example("registry/subscription-health-commission-resident.json").get("value").deepCopy();
            ((ObjectNode) subscription.at("/state/fields")).set("x", JsonMapper.shared().readTree(rule));
            assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, subscription)).as(rule).isNotEmpty();
        }
    }
}
