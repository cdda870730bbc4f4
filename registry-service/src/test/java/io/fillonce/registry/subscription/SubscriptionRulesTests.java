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
    void requiresSensitiveConcatSourcesToBeCovered() {
        SubscriptionRequest base = withFields("""
                {"a": {"transform": "concat", "sources": ["/name", "/idNumber"]}}
                """);
        SubscriptionRequest request = new SubscriptionRequest(base.department(), base.recordType(), base.purpose(),
                base.legalBasis(), base.fields(), null, base.channels(), List.of());
        assertThat(problems(request)).containsExactly(tuple("/fields/a/sources/1", "legalBasis"));
    }

    @Test
    void reportsTheFieldRuleLanguagesProblemsAsItsOwn() {
        SubscriptionRequest request = withFields("""
                {"xb": {"from": "/gender", "codeTable": "gender-short"}, "1st": {"from": "/name"}}
                """);
        List<FieldProblem> problems = rules.check(request);
        assertThat(problems).extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/fields/xb/codeTable", "coverage"), tuple("/fields/1st", "propertyNames"));
        assertThat(problems.get(0).message()).isEqualTo("code table 'gender-short' has no entry for [M, U], which "
                + "the source field allows");
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
