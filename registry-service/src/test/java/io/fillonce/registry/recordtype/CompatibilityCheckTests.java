package io.fillonce.registry.recordtype;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.fillonce.web.FieldProblem;

import static io.fillonce.registry.recordtype.Compatibility.BACKWARD;
import static io.fillonce.registry.recordtype.Compatibility.FORWARD;
import static io.fillonce.registry.recordtype.Compatibility.FULL;
import static io.fillonce.registry.recordtype.Compatibility.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CompatibilityCheckTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> KEY = List.of("id");

    @Test
    void addingAnOptionalPropertyIsBackwardCompatible() {
        ObjectNode changed = changed(schema -> props(schema).putObject("nickname").put("type", "string"));
        assertThat(check(BACKWARD, changed)).isEmpty();
        assertThat(check(FULL, changed)).isEmpty();
    }

    /** Titles, descriptions and x- annotations (the Chinese titles) change what a form shows, never what is valid. */
    @Test
    void retitlingAFieldInEitherLanguageIsFullyCompatible() {
        ObjectNode changed = changed(schema -> ((ObjectNode) props(schema).get("name")).put("title", "Full name")
                .put("description", "As on the ID card").set("x-l10n", JSON.readTree("""
                        {"zh-CN": {"title": "姓名", "description": "与居民身份证一致"}}""")));
        assertThat(check(FULL, changed)).isEmpty();
    }

    @Test
    void addingAPropertyTheOldVersionForbidsIsForwardIncompatible() {
        ObjectNode closedOld = base().put("additionalProperties", false);
        ObjectNode changed = closedOld.deepCopy();
        props(changed).putObject("nickname").put("type", "string");
        assertThat(pairs(CompatibilityCheck.check(BACKWARD, KEY, closedOld, KEY, changed))).isEmpty();
        assertThat(pairs(CompatibilityCheck.check(FORWARD, KEY, closedOld, KEY, changed)))
                .containsExactly(tuple("/nickname", "additionalProperties"));
    }

    /** JSON Schema's "default" is an annotation (no validator or reader fills it in), not Avro's default. */
    @Test
    void aNewRequiredPropertyIsIncompatibleEvenWithADefault() {
        ObjectNode withoutDefault = changed(schema -> {
            props(schema).putObject("nickname").put("type", "string");
            schema.withArray("required").add("nickname");
        });
        ObjectNode withDefault = withoutDefault.deepCopy();
        ((ObjectNode) props(withDefault).get("nickname")).put("default", "");
        assertThat(pairs(check(BACKWARD, withoutDefault))).containsExactly(tuple("/nickname", "newRequired"));
        assertThat(pairs(check(BACKWARD, withDefault))).containsExactly(tuple("/nickname", "newRequired"));
        assertThat(check(BACKWARD, optionalWithDefault())).as("optional, it is safe either way").isEmpty();
    }

    private static ObjectNode optionalWithDefault() {
        return changed(schema -> props(schema).putObject("nickname").put("type", "string").put("default", ""));
    }

    @Test
    void requiringAnExistingOptionalPropertyIsBackwardIncompatible() {
        ObjectNode changed = changed(schema -> schema.withArray("required").add("score"));
        assertThat(pairs(check(BACKWARD, changed))).containsExactly(tuple("/score", "newRequired"));
        assertThat(check(FORWARD, changed)).isEmpty();
    }

    @Test
    void removingARequiredPropertyBreaksOldReaders() {
        ObjectNode changed = changed(schema -> {
            props(schema).remove("name");
            schema.set("required", JSON.createArrayNode().add("id"));
        });
        assertThat(check(BACKWARD, changed)).isEmpty();
        assertThat(pairs(check(FORWARD, changed))).containsExactly(tuple("/name", "removedRequired"));
        assertThat(pairs(check(FULL, changed))).containsExactly(tuple("/name", "removedRequired"));
    }

    @Test
    void removingANestedOptionalPropertyIsForwardIncompatible() {
        ObjectNode changed = changed(schema -> ((ObjectNode) props(schema).get("address").get("properties"))
                .remove("zip"));
        assertThat(check(BACKWARD, changed)).isEmpty();
        assertThat(pairs(check(FORWARD, changed))).containsExactly(tuple("/address/zip", "removedProperty"));
    }

    @Test
    void removingAPropertyWhereAdditionalOnesAreForbiddenIsBackwardIncompatible() {
        ObjectNode changed = changed(schema -> {
            ObjectNode address = (ObjectNode) props(schema).get("address");
            ((ObjectNode) address.get("properties")).remove("zip");
            address.put("additionalProperties", false);
        });
        assertThat(pairs(check(BACKWARD, changed))).containsExactly(tuple("/address/zip", "additionalProperties"));
    }

    @Test
    void narrowingNumberToIntegerIsBackwardIncompatibleOnly() {
        ObjectNode changed = changed(schema -> ((ObjectNode) props(schema).get("score")).put("type", "integer"));
        assertThat(pairs(check(BACKWARD, changed))).containsExactly(tuple("/score", "type"));
        assertThat(check(FORWARD, changed)).isEmpty();
    }

    @Test
    void shrinkingATypeUnionIsNarrowing() {
        ObjectNode nullable = changed(schema -> ((ObjectNode) props(schema).get("name")).set("type",
                JSON.createArrayNode().add("string").add("null")));
        assertThat(pairs(CompatibilityCheck.check(BACKWARD, KEY, nullable, KEY, base())))
                .containsExactly(tuple("/name", "type"));
        assertThat(pairs(CompatibilityCheck.check(FORWARD, KEY, nullable, KEY, base()))).isEmpty();
    }

    @Test
    void turningAStringIntoAnEnumOrDroppingAnEnumValueIsNarrowing() {
        ObjectNode enumerated = changed(schema -> ((ObjectNode) props(schema).get("name")).set("enum",
                JSON.createArrayNode().add("Wang").add("Li")));
        ObjectNode fewer = changed(schema -> ((ObjectNode) props(schema).get("status")).set("enum",
                JSON.createArrayNode().add("A")));
        assertThat(pairs(check(BACKWARD, enumerated))).containsExactly(tuple("/name", "enum"));
        assertThat(pairs(check(BACKWARD, fewer))).containsExactly(tuple("/status", "enum"));
        assertThat(check(BACKWARD, fewer).get(0).message()).contains("\"B\"");
        assertThat(pairs(CompatibilityCheck.check(FORWARD, KEY, fewer, KEY, base())))
                .as("adding an enum value widens").containsExactly(tuple("/status", "enum"));
    }

    @Test
    void tighterConstraintsAreNarrowing() {
        ObjectNode changed = changed(schema -> {
            ((ObjectNode) props(schema).get("name")).put("maxLength", 20);
            ((ObjectNode) props(schema).get("score")).put("minimum", 10);
            ((ObjectNode) props(schema).get("id")).put("pattern", "^[0-9]+$");
        });
        assertThat(pairs(check(BACKWARD, changed))).containsExactlyInAnyOrder(tuple("/name", "maxLength"),
                tuple("/score", "minimum"), tuple("/id", "pattern"));
        assertThat(pairs(check(FORWARD, changed))).isEmpty();
    }

    @Test
    void looserConstraintsAreWidening() {
        ObjectNode changed = changed(schema -> {
            ((ObjectNode) props(schema).get("name")).put("maxLength", 80);
            ((ObjectNode) props(schema).get("score")).remove("minimum");
        });
        assertThat(check(BACKWARD, changed)).isEmpty();
        assertThat(pairs(check(FORWARD, changed))).containsExactlyInAnyOrder(tuple("/name", "maxLength"),
                tuple("/score", "minimum"));
    }

    @Test
    void walksNestedObjectsAndArrayItems() {
        ObjectNode changed = changed(schema -> {
            ((ObjectNode) props(schema).get("address").get("properties").get("line")).put("type", "integer");
            ((ObjectNode) props(schema).get("tags").get("items")).put("maxLength", 10);
        });
        assertThat(pairs(check(BACKWARD, changed))).containsExactlyInAnyOrder(tuple("/address/line", "type"),
                tuple("/tags/-", "maxLength"));
    }

    @Test
    void theEntityKeyMayOnlyChangeInModeNone() {
        List<String> newKey = List.of("id", "name");
        assertThat(pairs(CompatibilityCheck.check(BACKWARD, KEY, base(), newKey, base())))
                .containsExactly(tuple("/id", "entityKey"), tuple("/name", "entityKey"));
        assertThat(CompatibilityCheck.check(FORWARD, KEY, base(), newKey, base())).hasSize(2);
        assertThat(CompatibilityCheck.check(NONE, KEY, base(), newKey, base())).isEmpty();
    }

    @Test
    void modeNoneAcceptsAnything() {
        ObjectNode changed = changed(schema -> {
            props(schema).remove("name");
            ((ObjectNode) props(schema).get("score")).put("type", "string");
        });
        assertThat(check(NONE, changed)).isEmpty();
        assertThat(check(FULL, changed)).isNotEmpty();
    }

    @Test
    void combinatorChangesCannotBeProvenCompatible() {
        ObjectNode changed = changed(schema -> ((ObjectNode) props(schema).get("id")).putArray("anyOf")
                .addObject().put("minLength", 18));
        assertThat(pairs(check(BACKWARD, changed))).containsExactly(tuple("/id", "anyOf"));
    }

    @Test
    void followsLocalReferences() {
        ObjectNode old = base();
        old.putObject("$defs").putObject("line").put("type", "string");
        ((ObjectNode) props(old).get("address").get("properties")).putObject("line").put("$ref", "#/$defs/line");
        ObjectNode changed = old.deepCopy();
        ((ObjectNode) changed.get("$defs").get("line")).put("maxLength", 5);
        assertThat(pairs(CompatibilityCheck.check(BACKWARD, KEY, old, KEY, changed)))
                .containsExactly(tuple("/address/line", "maxLength"));
    }

    private static List<FieldProblem> check(Compatibility mode, ObjectNode changed) {
        return CompatibilityCheck.check(mode, KEY, base(), KEY, changed);
    }

    private static List<org.assertj.core.groups.Tuple> pairs(List<FieldProblem> problems) {
        return problems.stream().map(problem -> tuple(problem.pointer(), problem.rule())).toList();
    }

    private static ObjectNode changed(Consumer<ObjectNode> change) {
        ObjectNode schema = base();
        change.accept(schema);
        return schema;
    }

    private static ObjectNode props(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    static ObjectNode base() {
        return (ObjectNode) JSON.readTree("""
                {"type": "object", "required": ["id", "name"],
                 "properties": {
                   "id": {"type": "string"},
                   "name": {"type": "string", "maxLength": 50},
                   "score": {"type": "number", "minimum": 0},
                   "status": {"type": "string", "enum": ["A", "B"]},
                   "address": {"type": "object", "required": ["line"],
                               "properties": {"line": {"type": "string"}, "zip": {"type": "string"}}},
                   "tags": {"type": "array", "items": {"type": "string"}}}}
                """);
    }
}
