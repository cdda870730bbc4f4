package io.fillonce.registry.subscription;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fillonce.web.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SubscriptionRulesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNode RESIDENT = JSON.readTree("""
            {"type": "object", "required": ["idNumber"],
             "properties": {
               "idNumber": {"type": "string"}, "name": {"type": "string"},
               "gender": {"type": "string", "enum": ["F", "M", "U"]},
               "age": {"type": "integer"}, "regionCode": {"type": "string"},
               "address": {"type": "object", "properties": {"line": {"type": "string"}}}}}
            """);

    private boolean hooked = true;

    private final SubscriptionRules rules = new SubscriptionRules(new Catalogue() {

        @Override
        public boolean hasDepartment(String code) {
            return code.equals("civil-affairs");
        }

        @Override
        public Optional<JsonNode> schemaOf(String recordType) {
            return recordType.equals("resident") ? Optional.of(RESIDENT) : Optional.empty();
        }

        @Override
        public Optional<Set<String>> codesOf(String codeTable) {
            return Optional.ofNullable(Map.of("gender-civil", Set.of("F", "M", "U"), "gender-short", Set.of("F"))
                    .get(codeTable));
        }

        @Override
        public boolean hasActiveWebhook(String department) {
            return hooked;
        }

        @Override
        public Map<String, String> sensitivityOf(String recordType) {
            return Map.of("idNumber", "SENSITIVE", "name", "PERSONAL", "address", "SENSITIVE");
        }
    });

    @Test
    void acceptsTheCivilAffairsSubscription() {
        assertThat(rules.check(civilAffairs())).isEmpty();
    }

    @Test
    void requiresAnExistingDepartmentAndRecordTypeAndAPurposeAndLegalBasis() {
        SubscriptionRequest request = request("""
                {"department": "health", "recordType": "household", "purpose": " ",
                 "fields": {"xm": {"from": "/name"}}, "channels": ["topic"]}
                """);
        assertThat(problems(request)).containsExactly(tuple("/department", "exists"), tuple("/recordType", "exists"),
                tuple("/purpose", "required"), tuple("/legalBasis", "required"));
    }

    @Test
    void requiresEverySourceToBeADeclaredProperty() {
        SubscriptionRequest request = withFields("""
                {"xm": {"from": "/nmae"}, "dz": {"from": "/address/street"}, "nl": {"from": "age"},
                 "x": {}, "ok": {"from": "/address/line"}}
                """);
        assertThat(problems(request)).containsExactly(tuple("/fields/xm/from", "declared"),
                tuple("/fields/dz/from", "declared"), tuple("/fields/nl/from", "pattern"),
                tuple("/fields/x/from", "required"));
    }

    @Test
    void masksOnlyStringsWithNonNegativeKeeps() {
        SubscriptionRequest request = withFields("""
                {"nl": {"from": "/age", "transform": "mask"},
                 "sfzh": {"from": "/idNumber", "transform": "mask", "keepPrefix": -1},
                 "xm": {"from": "/name", "transform": "upper", "keepSuffix": 2}}
                """);
        assertThat(problems(request)).containsExactly(tuple("/fields/nl/transform", "type"),
                tuple("/fields/sfzh/keepPrefix", "minimum"), tuple("/fields/xm/transform", "enum"),
                tuple("/fields/xm/keepSuffix", "dependentRequired"));
    }

    @Test
    void requiresCodeTablesThatExistAndCoverTheSourceEnum() {
        SubscriptionRequest request = withFields("""
                {"xb": {"from": "/gender", "codeTable": "gender-short"},
                 "xb2": {"from": "/gender", "codeTable": "gender-none"},
                 "xb3": {"from": "/gender", "codeTable": "gender-civil"}}
                """);
        List<FieldProblem> problems = rules.check(request);
        assertThat(problems).extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/fields/xb/codeTable", "coverage"), tuple("/fields/xb2/codeTable", "exists"));
        assertThat(problems.get(0).message()).contains("[M, U]");
    }

    @Test
    void rejectsMalformedAndCollidingTargets() {
        SubscriptionRequest request = withFields("""
                {"a": {"from": "/name"}, "/a/b": {"from": "/age"}, "/x/y": {"from": "/name"},
                 "/x": {"from": "/name"}, "1st": {"from": "/name"}, "/p//q": {"from": "/name"}}
                """);
        assertThat(problems(request)).containsExactly(tuple("/fields/1st", "propertyNames"),
                tuple("/fields/~1p~1~1q", "propertyNames"), tuple("/fields/~1a~1b", "collision"),
                tuple("/fields/~1x", "collision"));
        assertThat(problems(withFields("{\"a\": {\"from\": \"/name\"}, \"/a\": {\"from\": \"/age\"}}")))
                .containsExactly(tuple("/fields/~1a", "collision"));
        assertThat(problems(withFields("{}"))).containsExactly(tuple("/fields", "minProperties"));
    }

    @Test
    void checksEveryPartOfTheFilter() {
        SubscriptionRequest request = withFilter("""
                {"all": [{"field": "/regionCode", "startsWith": "3706"},
                         {"any": [{"field": "/income", "equals": 1},
                                  {"field": "/age", "in": 3},
                                  {"field": "/name", "exists": "yes", "equals": "x"},
                                  {"field": "/name", "matches": "L.*"}]},
                         {"field": "/gender", "startsWith": 1},
                         {"any": []}, 7]}
                """);
        assertThat(problems(request)).containsExactly(tuple("/filter/all/1/any/0/field", "declared"),
                tuple("/filter/all/1/any/1/in", "type"), tuple("/filter/all/1/any/2", "oneOf"),
                tuple("/filter/all/1/any/2/exists", "type"), tuple("/filter/all/1/any/3", "oneOf"),
                tuple("/filter/all/1/any/3/matches", "additionalProperties"),
                tuple("/filter/all/2/startsWith", "type"), tuple("/filter/all/3/any", "minItems"),
                tuple("/filter/all/4", "type"));
        assertThat(problems(withFilter("{\"all\": [{\"field\": \"/name\", \"exists\": true}], \"any\": []}")))
                .containsExactly(tuple("/filter", "oneOf"));
    }

    @Test
    void limitsFilterNesting() {
        String filter = "{\"field\": \"/name\", \"exists\": true}";
        for (int i = 0; i < FilterRules.MAX_DEPTH; i++) {
            filter = "{\"all\": [" + filter + "]}";
        }
        assertThat(problems(withFilter(filter))).extracting(tuple -> tuple.toList().get(1)).containsExactly("maxDepth");
    }

    @Test
    void deliversByTopicFeedAndWebhook() {
        assertThat(problems(withChannels("[\"topic\", \"webhook\", \"feed\"]"))).isEmpty();
        List<FieldProblem> problems = rules.check(withChannels("[\"topic\", \"fax\", \"topic\"]"));
        assertThat(problems).extracting(FieldProblem::pointer, FieldProblem::rule).containsExactly(
                tuple("/channels/1", "enum"), tuple("/channels/2", "uniqueItems"));
        assertThat(problems.get(0).message()).isEqualTo("unknown channel 'fax'; available: topic, feed, webhook");
        assertThat(problems(withChannels("[]"))).containsExactly(tuple("/channels", "minItems"));
    }

    @Test
    void deliversByWebhookOnlyToADepartmentWithAnActiveWebhook() {
        hooked = false;
        assertThat(problems(withChannels("[\"feed\", \"webhook\"]"))).containsExactly(
                tuple("/channels/1", "webhook"));
    }

    @Test
    void requiresEveryMappedSensitiveFieldToBeCoveredByTheLegalBasis() {
        SubscriptionRequest base = civilAffairs();
        SubscriptionRequest uncovered = new SubscriptionRequest(base.department(), base.recordType(), base.purpose(),
                base.legalBasis(), base.fields(), null, base.channels(), List.of("/name"));
        assertThat(problems(uncovered)).containsExactly(tuple("/fields/sfzh/from", "legalBasis"),
                tuple("/fields/~1jzxx~1dz/from", "legalBasis"));
        SubscriptionRequest byName = new SubscriptionRequest(base.department(), base.recordType(), base.purpose(),
                base.legalBasis(), base.fields(), null, base.channels(), List.of("idNumber", "/address/line"));
        assertThat(problems(byName)).isEmpty();
    }

    @Test
    void listsEveryProblemAtOnce() {
        SubscriptionRequest request = request("""
                {"department": "nobody", "recordType": "resident", "purpose": "p", "legalBasis": "l",
                 "fields": {"sfzh": {"from": "/idNumbr", "transform": "mask"}, "xm": {"from": "/nmae"}},
                 "filter": {"field": "/region", "startsWith": "37"}, "channels": ["fax"]}
                """);
        assertThat(problems(request)).containsExactly(tuple("/department", "exists"),
                tuple("/fields/sfzh/from", "declared"), tuple("/fields/xm/from", "declared"),
                tuple("/filter/field", "declared"), tuple("/channels/0", "enum"));
    }

    private List<org.assertj.core.groups.Tuple> problems(SubscriptionRequest request) {
        return rules.check(request).stream().map(problem -> tuple(problem.pointer(), problem.rule())).toList();
    }

    static SubscriptionRequest civilAffairs() {
        return request("""
                {"department": "civil-affairs", "recordType": "resident",
                 "purpose": "minimum living allowance eligibility", "legalBasis": "Social Assistance Measures art. 12",
                 "fields": {"xm": {"from": "/name"},
                            "sfzh": {"from": "/idNumber", "transform": "mask", "keepPrefix": 6, "keepSuffix": 2},
                            "xb": {"from": "/gender", "codeTable": "gender-civil"},
                            "/jzxx/dz": {"from": "/address/line"}},
                 "filter": {"any": [{"field": "/regionCode", "startsWith": "3706"},
                                    {"all": [{"field": "/age", "in": [1, 2]}, {"field": "/name", "exists": true},
                                             {"field": "/gender", "equals": "F"}]}]},
                 "channels": ["topic"], "sensitiveFields": ["/idNumber", "address"]}
                """);
    }

    private static SubscriptionRequest withFields(String fields) {
        SubscriptionRequest base = civilAffairs();
        return new SubscriptionRequest(base.department(), base.recordType(), base.purpose(), base.legalBasis(),
                request("{\"fields\": " + fields + "}").fields(), null, base.channels(), base.sensitiveFields());
    }

    private static SubscriptionRequest withFilter(String filter) {
        SubscriptionRequest base = civilAffairs();
        return new SubscriptionRequest(base.department(), base.recordType(), base.purpose(), base.legalBasis(),
                base.fields(), JSON.readTree(filter), base.channels(), base.sensitiveFields());
    }

    private static SubscriptionRequest withChannels(String channels) {
        SubscriptionRequest base = civilAffairs();
        return new SubscriptionRequest(base.department(), base.recordType(), base.purpose(), base.legalBasis(),
                base.fields(), null, request("{\"channels\": " + channels + "}").channels(),
                base.sensitiveFields());
    }

    private static SubscriptionRequest request(String json) {
        return JSON.readValue(json, SubscriptionRequest.class);
    }
}
