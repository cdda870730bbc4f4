package io.fillonce.sync.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fillonce.fieldrules.CodeTable;
import io.fillonce.fieldrules.CodeTables;
import io.fillonce.fieldrules.FieldHasher;
import io.fillonce.fieldrules.FieldMapping;
import io.fillonce.fieldrules.Filter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload schema of a subscription, on the demo catalogue's own mappings (deploy/local/demo/catalogue.json):
 * what the mapping engine really builds validates, a field the subscription does not map or a value its rule
 * cannot produce does not. Validated with networknt's JSON Schema 2020-12 validator (the local stack's check uses
 * Python's jsonschema).
 */
class PayloadSchemasTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode CATALOGUE = JSON.readTree(read(Path.of("../deploy/local/demo/catalogue.json")));
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final FieldHasher HASHER = text -> "0123456789abcdef".repeat(4);

    private final CodeTables codeTables = codeTables();

    @Test
    void copiesKeepTheSourcesTypePatternAndEnumAndCodeTablesGiveTheDepartmentsCodes() {
        ObjectNode schema = schemaOf("civil-affairs-bureau", "population");

        assertThat(schema.at("/properties/sfzh/pattern").asString()).isEqualTo("^[0-9]{17}[0-9X]$");
        assertThat(schema.at("/properties/xb/enum")).containsExactly(JSON.readTree("\"1\""), JSON.readTree("\"2\""));
        assertThat(schema.at("/properties/hyzk/enum").valueStream().map(JsonNode::asString).toList())
                .containsExactly("10", "20", "30", "40", "90"); // the table's codes and the default
        assertThat(schema.at("/properties/sjly/const").asString()).isEqualTo("fillonce-yantai");
        assertThat(schema.at("/properties/jzdz/type").asString()).isEqualTo("string");
        assertThat(schema.get("required").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("sfzh", "xm", "xb", "xzqhdm", "hyzk", "sjly");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void aDatePatternBecomesARegularExpressionOfWhatItFormats() {
        ObjectNode schema = schemaOf("civil-affairs-bureau", "population");
        String regex = schema.at("/properties/csrq/pattern").asString();

        assertThat("2026年11月27日").matches(regex.substring(1, regex.length() - 1));
        assertThat("2026-11-27").doesNotMatch(regex.substring(1, regex.length() - 1));
        assertThat(DatePatterns.regex("yyyy-MM-dd HH:mm:ss")).contains(
                "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]) (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$");
        assertThat(DatePatterns.regex("EEE, d MMM yyyy")).isEmpty();
    }

    @Test
    void theRealMappingsPayloadIsValidAndAFieldItDoesNotMapIsNot() {
        JsonNode subscription = subscription("civil-affairs-bureau", "population");
        ObjectNode schema = schemaOf("civil-affairs-bureau", "population");
        ObjectNode payload = FieldMapping.parse(subscription.get("fields")).payloadFor(JSON.readTree("""
                {"idNumber": "370602199001011234", "name": "Li Mei", "gender": "F", "birthDate": "1990-01-01",
                 "regionCode": "370602", "phone": "13800001234",
                 "address": {"district": "Zhifu", "street": "Haigang", "line": "12 Haigang Rd"}}
                """), codeTables, HASHER);

        assertThat(violations(schema, payload)).isEmpty();
        assertThat(violations(schema, with(payload, "mz", "01"))).singleElement().asString().contains("mz");
        assertThat(violations(schema, with(payload, "xb", "F"))).isNotEmpty(); // the canonical code, untranslated
        assertThat(violations(schema, with(payload, "lxdh", "13800001234"))).isNotEmpty(); // unmasked
        payload.remove("xm");
        assertThat(violations(schema, payload)).singleElement().asString().contains("xm");
    }

    @Test
    void nestedTargetsAreNestedObjectsThatRefuseUnmappedFieldsToo() {
        ObjectNode schema = schemaOf("public-security-bureau", "population");
        ObjectNode payload = mapped("public-security-bureau", "population");

        assertThat(schema.at("/properties/jzdz/type").asString()).isEqualTo("object");
        assertThat(schema.at("/properties/jzdz/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/jzdz/properties").propertyNames()).containsExactlyInAnyOrder("xxdz", "sq");
        assertThat(violations(schema, payload)).isEmpty();
        ((ObjectNode) payload.get("jzdz")).put("mph", "3-201");
        assertThat(violations(schema, payload)).singleElement().asString().contains("mph");
    }

    @Test
    void hashesMasksNumbersAndDefaultsSayWhatTheyProduce() {
        ObjectNode schema = schemaOf("health-commission", "population");

        assertThat(schema.at("/properties/grbsm/pattern").asString()).isEqualTo("^[0-9a-f]{64}$");
        assertThat(schema.at("/properties/sg/type").asString()).isEqualTo("number");
        assertThat(schema.at("/properties/lxdh/pattern").asString()).isEqualTo("^(?:.{3}\\*+.{4}|\\**)$");
        assertThat(schema.at("/properties/xx/default").asString()).isEqualTo("unknown");
        assertThat(schema.get("required").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("grbsm", "xm", "xb", "xx");
        assertThat(violations(schema, with(mapped("health-commission", "population"), "grbsm", "370602199001011234")))
                .isNotEmpty();
    }

    @Test
    void aDefaultTheTransformCouldNotProduceIsAcceptedBesideIt() {
        JsonNode source = JSON.readTree("""
                {"type": "object", "properties": {"birthDate": {"type": "string", "format": "date",
                 "title": "Date of birth", "x-l10n": {"zh-CN": {"title": "出生日期"}}}}}
                """);
        ObjectNode schema = PayloadSchemas.of(FieldMapping.parse(JSON.readTree("""
                {"csrq": {"from": "/birthDate", "transform": "date", "pattern": "yyyyMMdd", "default": "unknown"}}
                """)), source, codeTables);

        assertThat(schema.at("/properties/csrq/title").asString()).isEqualTo("Date of birth");
        assertThat(schema.at("/properties/csrq/x-l10n/zh-CN/title").asString()).isEqualTo("出生日期");
        assertThat(violations(schema, JSON.readTree("{\"csrq\": \"19900101\"}"))).isEmpty();
        assertThat(violations(schema, JSON.readTree("{\"csrq\": \"unknown\"}"))).isEmpty();
        assertThat(violations(schema, JSON.readTree("{\"csrq\": \"1990-01-01\"}"))).isNotEmpty();
        assertThat(violations(schema, JSON.readTree("{}"))).isNotEmpty();
    }

    /** Every demo subscription: its sample record mapped by the real engine fits, one unmapped field more does not. */
    @Test
    void everyDemoSubscriptionsMappedSampleFitsItsSchemaAndNothingUnmappedDoes() {
        int checked = 0;
        for (JsonNode subscription : CATALOGUE.get("subscriptions")) {
            String about = subscription.get("department").asString() + "/" + subscription.get("recordType").asString();
            JsonNode source = recordSchema(subscription.get("recordType").asString());
            ObjectNode schema = PayloadSchemas.of(FieldMapping.parse(subscription.get("fields")), source, codeTables);
            ObjectNode sample = SampleRecords.of(source, Filter.parse(subscription.get("filter")));
            assertThat(Filter.parse(subscription.get("filter")).matches(sample)).as(about + " filter").isTrue();
            assertThat(violations(recordSchema(subscription.get("recordType").asString()), sample))
                    .as(about + " sample record valid against the record type").isEmpty();
            ObjectNode payload = FieldMapping.parse(subscription.get("fields")).payloadFor(sample, codeTables, HASHER);

            assertThat(violations(schema, payload)).as(about + " " + payload).isEmpty();
            assertThat(violations(schema, with(payload, "unmappedField", "x"))).as(about).isNotEmpty();
            checked++;
        }
        assertThat(checked).isEqualTo(CATALOGUE.get("subscriptions").size()).isGreaterThan(40);
    }

    private ObjectNode schemaOf(String department, String recordType) {
        return PayloadSchemas.of(FieldMapping.parse(subscription(department, recordType).get("fields")),
                recordSchema(recordType), codeTables);
    }

    private ObjectNode mapped(String department, String recordType) {
        JsonNode subscription = subscription(department, recordType);
        return FieldMapping.parse(subscription.get("fields")).payloadFor(SampleRecords.of(recordSchema(recordType),
                Filter.parse(subscription.get("filter"))), codeTables, HASHER);
    }

    private static List<String> violations(JsonNode schema, JsonNode value) {
        return SCHEMAS.getSchema(schema).validate(value).stream().map(error -> error.getInstanceLocation() + ": "
                + error.getMessage()).toList();
    }

    private static ObjectNode with(ObjectNode payload, String field, String value) {
        ObjectNode changed = payload.deepCopy();
        changed.put(field, value);
        return changed;
    }

    private static JsonNode subscription(String department, String recordType) {
        return CATALOGUE.get("subscriptions").valueStream()
                .filter(s -> s.get("department").asString().equals(department)
                        && s.get("recordType").asString().equals(recordType))
                .findFirst().orElseThrow();
    }

    private static JsonNode recordSchema(String recordType) {
        return CATALOGUE.get("recordTypes").valueStream().filter(type -> type.get("name").asString().equals(recordType))
                .findFirst().orElseThrow().get("schema");
    }

    private static CodeTables codeTables() {
        Map<String, CodeTable> tables = new HashMap<>();
        CATALOGUE.get("codeTables").forEach(table -> {
            Map<String, String> entries = new HashMap<>();
            table.get("entries").properties()
                    .forEach(entry -> entries.put(entry.getKey(), entry.getValue().asString()));
            tables.put(table.get("name").asString(), new CodeTable(table.get("name").asString(), entries));
        });
        return name -> Optional.ofNullable(tables.get(name));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
