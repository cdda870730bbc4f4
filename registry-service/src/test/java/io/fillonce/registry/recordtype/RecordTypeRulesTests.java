package io.fillonce.registry.recordtype;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.fillonce.web.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RecordTypeRulesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecordTypeRules rules = new RecordTypeRules();

    @Test
    void acceptsTheResidentType() {
        assertThat(rules.check(resident(), null)).isEmpty();
    }

    /** Titles in two languages ride along as an {@code x-} annotation, which JSON Schema lets any schema carry. */
    @Test
    void acceptsTitlesInTwoLanguagesAsAnXAnnotation() {
        ObjectNode schema = residentSchema();
        schema.put("title", "Resident").set("x-l10n", JSON.readTree("{\"zh-CN\": {\"title\": \"居民\"}}"));
        ((ObjectNode) schema.at("/properties/name")).put("title", "Name").put("description", "As on the ID card")
                .set("x-l10n", JSON.readTree("""
                        {"zh-CN": {"title": "姓名", "description": "与居民身份证一致"}}"""));
        ((ObjectNode) schema.at("/properties/gender")).set("x-l10n", JSON.readTree("""
                {"zh-CN": {"title": "性别", "enumTitles": {"F": "女", "M": "男"}}}"""));

        assertThat(rules.check(withSchema(schema), null)).isEmpty();
    }

    @Test
    void requiresAWellFormedName() {
        assertThat(rules.check(withName(null), null)).extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/name", "required"));
        assertThat(rules.check(withName("Resident_1"), null)).extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/name", "pattern"));
    }

    @Test
    void onlyAcceptsThePathNameOnANewVersion() {
        assertThat(rules.check(withName(null), "resident")).isEmpty();
        assertThat(rules.check(withName("household"), "resident")).extracting(FieldProblem::rule)
                .containsExactly("const");
    }

    @Test
    void requiresATitle() {
        RecordTypeRequest request = resident();
        RecordTypeRequest untitled = new RecordTypeRequest(request.name(), " ", request.entityKey(),
                request.schema(), request.sensitivity(), null, null, null);
        assertThat(rules.check(untitled, null)).extracting(FieldProblem::pointer).containsExactly("/title");
    }

    @Test
    void rejectsASchemaTheMetaSchemaRejects() {
        ObjectNode schema = residentSchema();
        schema.put("required", "idNumber");
        schema.putObject("properties").putObject("idNumber").put("type", "text");
        List<FieldProblem> problems = rules.check(withSchema(schema), null);
        assertThat(problems).extracting(FieldProblem::pointer, FieldProblem::rule)
                .contains(tuple("/schema/required", "type"), tuple("/schema/properties/idNumber/type", "enum"));
    }

    @Test
    void requiresAnObjectSchemaOfThe2020Dialect() {
        ObjectNode schema = residentSchema();
        schema.put("type", "array");
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        assertThat(rules.check(withSchema(schema), null)).extracting(FieldProblem::pointer, FieldProblem::rule)
                .contains(tuple("/schema/type", "const"), tuple("/schema/$schema", "dialect"));
        assertThat(rules.check(withSchema(JSON.createArrayNode()), null)).extracting(FieldProblem::rule)
                .contains("type");
        assertThat(rules.check(withSchema(null), null)).extracting(FieldProblem::pointer, FieldProblem::rule)
                .contains(tuple("/schema", "required"));
    }

    @Test
    void requiresEntityKeyFieldsThatAreDeclaredRequiredScalarsListedOnce() {
        ObjectNode schema = residentSchema();
        ((ObjectNode) schema.get("properties")).putObject("address").put("type", "object");
        schema.putArray("required").add("idNumber").add("address");
        RecordTypeRequest request = new RecordTypeRequest("resident", "Resident",
                List.of("idNumber", "phone", "missing", "address", "idNumber", ""), schema, null, null, null, null);
        assertThat(rules.check(request, null)).extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactlyInAnyOrder(tuple("/entityKey/1", "required"), tuple("/entityKey/2", "declared"),
                        tuple("/entityKey/3", "type"), tuple("/entityKey/4", "uniqueItems"),
                        tuple("/entityKey/5", "required"));
        RecordTypeRequest keyless = new RecordTypeRequest("resident", "Resident", List.of(), schema, null, null, null,
                null);
        assertThat(rules.check(keyless, null))
                .extracting(FieldProblem::pointer, FieldProblem::rule).containsExactly(tuple("/entityKey", "minItems"));
    }

    @Test
    void requiresAKnownCompatibilityMode() {
        RecordTypeRequest request = resident();
        RecordTypeRequest full = new RecordTypeRequest("resident", "Resident", request.entityKey(), request.schema(),
                null, "FULL", null, null);
        RecordTypeRequest loose = new RecordTypeRequest("resident", "Resident", request.entityKey(), request.schema(),
                null, "LOOSE", null, null);
        assertThat(rules.check(full, null)).isEmpty();
        assertThat(rules.check(loose, null)).extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/compatibility", "enum"));
    }

    @Test
    void requiresSensitivityOfDeclaredFieldsWithAKnownLevel() {
        RecordTypeRequest request = resident();
        RecordTypeRequest labelled = new RecordTypeRequest("resident", "Resident", request.entityKey(),
                request.schema(), java.util.Map.of("income", "PERSONAL", "phone", "SECRET"), null, null, null);
        assertThat(rules.check(labelled, null)).extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactlyInAnyOrder(tuple("/sensitivity/income", "declared"), tuple("/sensitivity/phone", "enum"));
    }

    @Test
    void aRegionFieldIsARequiredStringOfTheSchemaAndCrossRegionCorrectionNeedsOne() {
        RecordTypeRequest request = resident();
        assertThat(rules.check(withRegion(request, "regionCode", true), null)).isEmpty();
        assertThat(rules.check(withRegion(request, "phone", null), null))
                .extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/regionField", "required"));
        assertThat(rules.check(withRegion(request, "age", null), null)).extracting(FieldProblem::rule)
                .containsExactlyInAnyOrder("required", "type");
        assertThat(rules.check(withRegion(request, "district", null), null)).extracting(FieldProblem::rule)
                .containsExactly("declared");
        assertThat(rules.check(withRegion(request, null, true), null))
                .extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/crossRegionCorrection", "dependentRequired"));
    }

    private static RecordTypeRequest withRegion(RecordTypeRequest request, String field, Boolean crossRegion) {
        return new RecordTypeRequest(request.name(), request.title(), request.entityKey(), request.schema(),
                request.sensitivity(), null, field, crossRegion);
    }

    static RecordTypeRequest resident() {
        return JSON.readValue("""
                {"name": "resident", "title": "Resident basic information", "entityKey": ["idNumber"],
                 "schema": %s,
                 "sensitivity": {"idNumber": "SENSITIVE", "phone": "PERSONAL"}}
                """.formatted(residentSchema()), RecordTypeRequest.class);
    }

    static ObjectNode residentSchema() {
        return (ObjectNode) JSON.readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "required": ["idNumber", "name", "gender", "regionCode"],
                 "properties": {
                   "idNumber": {"type": "string", "pattern": "^[0-9]{17}[0-9X]$"},
                   "name": {"type": "string"},
                   "gender": {"type": "string", "enum": ["F", "M"]},
                   "age": {"type": "integer"},
                   "phone": {"type": "string"},
                   "regionCode": {"type": "string"},
                   "address": {"$ref": "#/$defs/address"}},
                 "$defs": {"address": {"type": "object",
                   "properties": {"line": {"type": "string"}, "community": {"type": "string"}}}}}
                """);
    }

    private static RecordTypeRequest withName(String name) {
        RecordTypeRequest request = resident();
        return new RecordTypeRequest(name, request.title(), request.entityKey(), request.schema(),
                request.sensitivity(), null, null, null);
    }

    private static RecordTypeRequest withSchema(tools.jackson.databind.JsonNode schema) {
        RecordTypeRequest request = resident();
        return new RecordTypeRequest(request.name(), request.title(), request.entityKey(), schema, null, null, null,
                null);
    }
}
