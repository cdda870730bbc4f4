package io.fillonce.registry.subscription;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fillonce.web.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The mapping transforms a subscription may use, each checked against the record type at registration. */
class TransformRulesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNode RESIDENT = JSON.readTree("""
            {"type": "object",
             "properties": {
               "idNumber": {"type": "string"}, "name": {"type": "string"},
               "gender": {"type": "string", "enum": ["F", "M"]},
               "birthDate": {"type": "string", "format": "date"},
               "registeredAt": {"type": "string", "format": "date-time"},
               "nickname": {"type": "string"},
               "income": {"type": "number"}, "members": {"type": "integer"}, "veteran": {"type": "boolean"},
               "address": {"type": "object", "properties": {"city": {"type": "string"}, "line": {"type": "string"}}}}}
            """);

    private final SubscriptionRules rules = new SubscriptionRules(new Catalogue() {

        @Override
        public boolean hasDepartment(String code) {
            return true;
        }

        @Override
        public Optional<JsonNode> schemaOf(String recordType) {
            return Optional.of(RESIDENT);
        }

        @Override
        public Optional<Set<String>> codesOf(String codeTable) {
            return codeTable.equals("gender-civil") ? Optional.of(Set.of("F", "M")) : Optional.empty();
        }

        @Override
        public boolean hasActiveWebhook(String department) {
            return true;
        }

        @Override
        public Map<String, String> sensitivityOf(String recordType) {
            return Map.of("idNumber", "SENSITIVE");
        }
    });

    @Test
    void acceptsEveryTransformKindUsedAsDocumented() {
        assertThat(problems("""
                {"csrq": {"from": "/birthDate", "transform": "date", "pattern": "yyyy年MM月dd日", "default": ""},
                 "djsj": {"from": "/registeredAt", "transform": "date", "pattern": "yyyyMMddHHmmss", "zone": "Asia/Shanghai"},
                 "sr": {"from": "/income", "transform": "number", "scale": 2, "rounding": "HALF_EVEN", "default": 0},
                 "sr2": {"from": "/members", "transform": "number", "pattern": "#,##0"},
                 "dz": {"transform": "concat", "sources": ["/address/city", "/address/line", "/members"], "separator": " "},
                 "sjly": {"transform": "constant", "value": "fillonce"},
                 "ch": {"from": "/nickname", "default": "none"},
                 "sfzh": {"from": "/idNumber", "transform": "mask", "keepPrefix": 4, "keepSuffix": 4},
                 "sfzhHash": {"from": "/idNumber", "transform": "hash"},
                 "xb": {"from": "/gender", "codeTable": "gender-civil", "transform": "hash"},
                 "xb2": {"from": "/gender", "default": "F"}}
                """, "[\"/idNumber\"]")).isEmpty();
    }

    @Test
    void formatsOnlyDateStringsWithAPatternThatCompilesAndFits() {
        assertThat(problems("""
                {"a": {"from": "/name", "transform": "date", "pattern": "yyyyMMdd"},
                 "b": {"from": "/birthDate", "transform": "date"},
                 "c": {"from": "/birthDate", "transform": "date", "pattern": "yyyy{MM"},
                 "d": {"from": "/birthDate", "transform": "date", "pattern": "yyyyMMdd HH:mm"},
                 "e": {"from": "/registeredAt", "transform": "date", "pattern": "yyyy", "zone": "Mars/Olympus"},
                 "f": {"from": "/registeredAt", "transform": "date", "pattern": "yyyyMMdd HH:mm"}}
                """)).containsExactly(tuple("/fields/a/transform", "type"), tuple("/fields/b/pattern", "required"),
                tuple("/fields/c/pattern", "pattern"), tuple("/fields/d/pattern", "pattern"),
                tuple("/fields/e/zone", "zone"));
    }

    @Test
    void formatsOnlyNumbersWithAValidScaleRoundingAndPattern() {
        assertThat(problems("""
                {"a": {"from": "/name", "transform": "number", "scale": 2},
                 "b": {"from": "/income", "transform": "number"},
                 "c": {"from": "/income", "transform": "number", "scale": 19, "rounding": "UNNECESSARY"},
                 "d": {"from": "/income", "transform": "number", "pattern": "#.#.#"},
                 "e": {"from": "/members", "transform": "number", "scale": 0}}
                """)).containsExactly(tuple("/fields/a/transform", "type"), tuple("/fields/b", "required"),
                tuple("/fields/c/scale", "range"), tuple("/fields/c/rounding", "enum"),
                tuple("/fields/d/pattern", "pattern"));
    }

    @Test
    void concatenatesDeclaredSingleValuesOnly() {
        assertThat(problems("""
                {"a": {"transform": "concat", "sources": ["/address/city", "/address/street", "/address"]},
                 "b": {"transform": "concat", "from": "/name", "separator": "-"},
                 "c": {"from": "/name", "sources": ["/name"], "separator": " "}}
                """)).containsExactly(tuple("/fields/a/sources/1", "declared"), tuple("/fields/a/sources/2", "type"),
                tuple("/fields/b/from", "not"), tuple("/fields/b/sources", "minItems"),
                tuple("/fields/c/sources", "dependentRequired"), tuple("/fields/c/separator", "dependentRequired"));
    }

    @Test
    void requiresAConstantValueAndNoSource() {
        assertThat(problems("""
                {"a": {"transform": "constant"},
                 "b": {"transform": "constant", "value": null, "from": "/name"},
                 "c": {"transform": "constant", "value": 1, "default": 2},
                 "d": {"from": "/name", "value": "x"}}
                """)).containsExactly(tuple("/fields/a/value", "required"), tuple("/fields/b/from", "not"),
                tuple("/fields/b/value", "required"), tuple("/fields/c/default", "not"),
                tuple("/fields/d/value", "dependentRequired"));
    }

    @Test
    void requiresDefaultsOfTheTypeTheRuleWrites() {
        assertThat(problems("""
                {"a": {"from": "/birthDate", "transform": "date", "pattern": "yyyyMMdd", "default": 19000101},
                 "b": {"from": "/income", "transform": "number", "scale": 1, "default": "0"},
                 "c": {"from": "/income", "transform": "number", "pattern": "0.0", "default": 0},
                 "d": {"from": "/members", "default": 1.5},
                 "e": {"from": "/gender", "default": "X"},
                 "f": {"from": "/veteran", "default": "no"},
                 "g": {"from": "/gender", "codeTable": "gender-civil", "default": 9},
                 "h": {"from": "/members", "default": 2}}
                """)).containsExactly(tuple("/fields/a/default", "type"), tuple("/fields/b/default", "type"),
                tuple("/fields/c/default", "type"), tuple("/fields/d/default", "type"),
                tuple("/fields/e/default", "enum"), tuple("/fields/f/default", "type"),
                tuple("/fields/g/default", "type"));
    }

    @Test
    void hashesAndMasksSingleValuesAndRefusesOtherTransformsSettings() {
        assertThat(problems("""
                {"a": {"from": "/address", "transform": "hash"},
                 "b": {"from": "/members", "transform": "mask"},
                 "c": {"from": "/name", "transform": "hash", "keepPrefix": 2, "pattern": "x", "zone": "UTC"},
                 "d": {"from": "/income", "transform": "number", "scale": 2, "codeTable": "gender-civil"},
                 "e": {"from": "/name", "transform": "reverse"}}
                """)).containsExactly(tuple("/fields/a/transform", "type"), tuple("/fields/b/transform", "type"),
                tuple("/fields/c/keepPrefix", "dependentRequired"), tuple("/fields/c/pattern", "dependentRequired"),
                tuple("/fields/c/zone", "dependentRequired"), tuple("/fields/d/codeTable", "not"),
                tuple("/fields/e/transform", "enum"));
    }

    @Test
    void requiresSensitiveConcatSourcesToBeCovered() {
        assertThat(problems("""
                {"a": {"transform": "concat", "sources": ["/name", "/idNumber"]}}
                """)).containsExactly(tuple("/fields/a/sources/1", "legalBasis"));
    }

    private List<Tuple> problems(String fields) {
        return problems(fields, "[]");
    }

    private List<Tuple> problems(String fields, String sensitiveFields) {
        SubscriptionRequest request = JSON.readValue("""
                {"department": "civil-affairs", "recordType": "resident", "purpose": "p", "legalBasis": "l",
                 "channels": ["feed"], "fields": %s, "sensitiveFields": %s}""".formatted(fields, sensitiveFields),
                SubscriptionRequest.class);
        List<FieldProblem> found = rules.check(request);
        return found.stream().map(problem -> tuple(problem.pointer(), problem.rule())).toList();
    }
}
