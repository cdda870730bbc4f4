package io.fillonce.fieldrules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the parser refuses in targets, sources, code tables and filters, each problem with its pointer. */
class MappingParserTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNode RESIDENT = JSON.readTree("""
            {"type": "object", "required": ["idNumber"],
             "properties": {
               "idNumber": {"type": "string"}, "name": {"type": "string"},
               "gender": {"type": "string", "enum": ["F", "M", "U"]},
               "age": {"type": "integer"}, "regionCode": {"type": "string"},
               "address": {"type": "object", "properties": {"line": {"type": "string"}}}}}
            """);

    private final MappingParser parser = MappingParser.against(
            new SourceSchema("resident", pointer -> Optional.of(RESIDENT.at(pointer.replace("/", "/properties/")))
                    .filter(JsonNode::isObject)),
            codeTable -> Optional.ofNullable(Map.of("gender-civil", java.util.Set.of("F", "M", "U"),
                    "gender-short", java.util.Set.of("F")).get(codeTable)));

    @Test
    void requiresEverySourceToBeADeclaredProperty() {
        assertThat(fieldProblems("""
                {"xm": {"from": "/nmae"}, "dz": {"from": "/address/street"}, "nl": {"from": "age"},
                 "x": {}, "ok": {"from": "/address/line"}}
                """)).containsExactly(tuple("/fields/xm/from", "declared"),
                tuple("/fields/dz/from", "declared"), tuple("/fields/nl/from", "pattern"),
                tuple("/fields/x/from", "required"));
    }

    @Test
    void masksOnlyStringsWithNonNegativeKeeps() {
        assertThat(fieldProblems("""
                {"nl": {"from": "/age", "transform": "mask"},
                 "sfzh": {"from": "/idNumber", "transform": "mask", "keepPrefix": -1},
                 "xm": {"from": "/name", "transform": "upper", "keepSuffix": 2}}
                """)).containsExactly(tuple("/fields/nl/transform", "type"),
                tuple("/fields/sfzh/keepPrefix", "minimum"), tuple("/fields/xm/transform", "enum"),
                tuple("/fields/xm/keepSuffix", "dependentRequired"));
    }

    @Test
    void requiresCodeTablesThatExistAndCoverTheSourceEnum() {
        List<RuleProblem> problems = problems(() -> parser.fields(fields("""
                {"xb": {"from": "/gender", "codeTable": "gender-short"},
                 "xb2": {"from": "/gender", "codeTable": "gender-none"},
                 "xb3": {"from": "/gender", "codeTable": "gender-civil"}}
                """)));
        assertThat(problems).extracting(RuleProblem::pointer, RuleProblem::rule)
                .containsExactly(tuple("/fields/xb/codeTable", "coverage"), tuple("/fields/xb2/codeTable", "exists"));
        assertThat(problems.get(0).message()).contains("[M, U]");
    }

    @Test
    void rejectsMalformedAndCollidingTargets() {
        assertThat(fieldProblems("""
                {"a": {"from": "/name"}, "/a/b": {"from": "/age"}, "/x/y": {"from": "/name"},
                 "/x": {"from": "/name"}, "1st": {"from": "/name"}, "/p//q": {"from": "/name"}}
                """)).containsExactly(tuple("/fields/1st", "propertyNames"),
                tuple("/fields/~1p~1~1q", "propertyNames"), tuple("/fields/~1a~1b", "collision"),
                tuple("/fields/~1x", "collision"));
        assertThat(fieldProblems("{\"a\": {\"from\": \"/name\"}, \"/a\": {\"from\": \"/age\"}}"))
                .containsExactly(tuple("/fields/~1a", "collision"));
        assertThat(fieldProblems("{}")).containsExactly(tuple("/fields", "minProperties"));
    }

    @Test
    void refusesRulesThatAreNotObjectsOfKnownProperties() {
        assertThatProblems(() -> RuleDefinition.readAll(JSON.readTree("""
                {"xm": {"from": "/name", "rename": "x"}, "dz": "/address/line", "ok": {"from": "/name"}}""")),
                problems -> assertThat(problems).extracting(RuleProblem::pointer)
                        .containsExactly("/fields/xm", "/fields/dz"));
        assertThat(fieldProblems("{\"xm\": null}")).containsExactly(tuple("/fields/xm", "type"));
    }

    @Test
    void checksEveryPartOfTheFilter() {
        assertThat(filterProblems("""
                {"all": [{"field": "/regionCode", "startsWith": "3706"},
                         {"any": [{"field": "/income", "equals": 1},
                                  {"field": "/age", "in": 3},
                                  {"field": "/name", "exists": "yes", "equals": "x"},
                                  {"field": "/name", "matches": "L.*"}]},
                         {"field": "/gender", "startsWith": 1},
                         {"any": []}, 7]}
                """)).containsExactly(tuple("/filter/all/1/any/0/field", "declared"),
                tuple("/filter/all/1/any/1/in", "type"), tuple("/filter/all/1/any/2", "oneOf"),
                tuple("/filter/all/1/any/2/exists", "type"), tuple("/filter/all/1/any/3", "oneOf"),
                tuple("/filter/all/1/any/3/matches", "additionalProperties"),
                tuple("/filter/all/2/startsWith", "type"), tuple("/filter/all/3/any", "minItems"),
                tuple("/filter/all/4", "type"));
        assertThat(filterProblems("{\"all\": [{\"field\": \"/name\", \"exists\": true}], \"any\": []}"))
                .containsExactly(tuple("/filter", "oneOf"));
        assertThat(filterProblems("{\"field\": \"name\", \"exists\": true}"))
                .containsExactly(tuple("/filter/field", "pattern"));
    }

    @Test
    void limitsFilterNesting() {
        String filter = "{\"field\": \"/name\", \"exists\": true}";
        for (int i = 1; i < FilterReader.MAX_DEPTH; i++) {
            filter = "{\"all\": [" + filter + "]}";
        }
        assertThat(filterProblems(filter)).isEmpty();
        assertThat(filterProblems("{\"all\": [" + filter + "]}")).extracting(tuple -> tuple.toList().get(1))
                .containsExactly("maxDepth");
    }

    @Test
    void checksOnlyTheRulesOwnShapeWithoutASchemaOrCodeTables() {
        MappingParser shapeOnly = MappingParser.shapeOnly();

        FieldMapping mapping = shapeOnly.fields(fields("""
                {"xm": {"from": "/anything"}, "xb": {"from": "/gender", "codeTable": "not-yet-registered"}}"""));

        assertThat(mapping.readsCodeTable("not-yet-registered")).isTrue();
        assertThat(shapeOnly.filter(JSON.readTree("{\"field\": \"/anything\", \"exists\": true}"))
                .matches(JSON.readTree("{\"anything\": 1}"))).isTrue();
    }

    private List<Tuple> fieldProblems(String fields) {
        return tuples(problems(() -> parser.fields(fields(fields))));
    }

    private List<Tuple> filterProblems(String filter) {
        return tuples(problems(() -> parser.filter(JSON.readTree(filter))));
    }

    private static Map<String, RuleDefinition> fields(String fields) {
        return RuleDefinition.readAll(JSON.readTree(fields));
    }

    private static List<RuleProblem> problems(Runnable parse) {
        try {
            parse.run();
            return List.of();
        }
        catch (InvalidMapping e) {
            return e.problems();
        }
    }

    private static void assertThatProblems(Runnable parse, Consumer<List<RuleProblem>> check) {
        check.accept(problems(parse));
    }

    private static List<Tuple> tuples(List<RuleProblem> problems) {
        return problems.stream().map(problem -> tuple(problem.pointer(), problem.rule())).toList();
    }
}
