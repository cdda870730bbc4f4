package io.fillonce.fieldrules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anything the registry accepts (the parser with the record type's schema and the code tables), sync-service can
 * run: its stored, published form parses again without them, and it builds a payload from every record the schema
 * allows without failing.
 */
class AcceptedMappingsRunTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final JsonNode RESIDENT = JSON.readTree("""
            {"type": "object", "properties": {
               "idNumber": {"type": "string"}, "name": {"type": "string"},
               "gender": {"type": "string", "enum": ["F", "M"]},
               "birthDate": {"type": "string", "format": "date"},
               "registeredAt": {"type": "string", "format": "date-time"},
               "income": {"type": "number"}, "members": {"type": "integer"}, "veteran": {"type": "boolean"},
               "address": {"type": "object", "properties": {"line": {"type": "string"}}}}}""");
    private static final List<String> SOURCES = List.of("/idNumber", "/name", "/gender", "/birthDate",
            "/registeredAt", "/income", "/members", "/veteran", "/address", "/address/line");
    private static final Map<String, String> GENDER_CIVIL = Map.of("F", "2", "M", "1");

    private final MappingParser registry = MappingParser.against(
            new SourceSchema("resident", pointer -> Optional.of(RESIDENT.at(pointer.replace("/", "/properties/")))
                    .filter(JsonNode::isObject)),
            name -> name.equals("gender-civil") ? Optional.of(GENDER_CIVIL.keySet()) : Optional.empty());

    @Property(tries = 500)
    void whatTheRegistryAcceptsSyncRuns(@ForAll("rules") RuleDefinition rule, @ForAll("records") JsonNode record) {
        Map<String, RuleDefinition> fields = Map.of("target", rule);
        boolean accepted = accepts(fields);
        Statistics.label("accepted").collect(accepted);
        Statistics.label("accepted").coverage(coverage -> coverage.check(true).percentage(share -> share >= 20));
        if (!accepted) {
            return;
        }
        JsonNode published = JSON.valueToTree(Map.of("target", rule.withDefaults()));

        FieldMapping running = FieldMapping.parse(published);

        try {
            assertThat(running.payloadFor(record, name -> Optional.of(new CodeTable(name, GENDER_CIVIL)),
                    text -> "hash(" + text + ")")).isNotNull();
        }
        catch (UnmappableRecord e) {
            assertThat(translatesUnlistedValues(rule)).as(e.getMessage()).isTrue();
        }
    }

    /**
     * The one failure known only per record: a code table on a source whose schema does not list its values (a
     * free string may hold a code the table lacks); the record is then reported as unmappable.
     */
    private static boolean translatesUnlistedValues(RuleDefinition rule) {
        return rule.codeTable() != null && rule.from() != null
                && !RESIDENT.at(rule.from().replace("/", "/properties/")).has("enum");
    }

    private boolean accepts(Map<String, RuleDefinition> fields) {
        try {
            registry.fields(fields);
            return true;
        }
        catch (InvalidMapping refused) {
            return false;
        }
    }

    /** Rules of every kind, their settings drawn from what fits and what does not. */
    @Provide
    Arbitrary<RuleDefinition> rules() {
        Arbitrary<String> from = Arbitraries.of(SOURCES);
        Arbitrary<String> codeTable = Arbitraries.of("gender-civil").injectNull(0.7);
        Arbitrary<JsonNode> literal = Arbitraries.<JsonNode>of(NODES.stringNode("x"), NODES.numberNode(1),
                NODES.booleanNode(true)).injectNull(0.7);
        Arbitrary<Integer> keep = Arbitraries.integers().between(-1, 4).injectNull(0.5);
        Arbitrary<String> pattern = Arbitraries.of("yyyyMMdd", "yyyy年MM月dd日", "HH:mm", "XXX", "#,##0.00", "000");
        Arbitrary<String> zone = Arbitraries.of("Asia/Shanghai", "+08:00", "Mars/Olympus").injectNull(0.6);
        Arbitrary<String> rounding = Arbitraries.of("HALF_EVEN", "FLOOR", "UNNECESSARY").injectNull(0.6);
        return Arbitraries.oneOf(
                Combinators.combine(from, codeTable, literal).as((source, table, fallback) ->
                        rule(source, null, null, null, null, null, table, null, null, null, null, fallback)),
                Combinators.combine(from, keep, keep, codeTable, literal).as((source, prefix, suffix, table, value) ->
                        rule(source, null, null, "mask", prefix, suffix, table, null, null, null, null, value)),
                Combinators.combine(from, codeTable).as((source, table) ->
                        rule(source, null, null, "hash", null, null, table, null, null, null, null, null)),
                Combinators.combine(from, pattern.injectNull(0.1), zone, literal).as((source, format, at, fallback) ->
                        rule(source, null, null, "date", null, null, null, format, at, null, null, fallback)),
                Combinators.combine(from, pattern.injectNull(0.5), keep, rounding).as((source, format, digits, mode) ->
                        rule(source, null, null, "number", null, null, null, format, null, digits, mode, null)),
                Combinators.combine(from.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(" ", "-").injectNull(0.5))
                        .as((sources, separator) ->
                        rule(null, sources, separator, "concat", null, null, null, null, null, null, null, null)),
                literal.map(value -> new RuleDefinition(null, null, null, value, "constant", null, null, null, null,
                        null, null, null, null)));
    }

    private static RuleDefinition rule(String from, List<String> sources, String separator, String transform,
            Integer keepPrefix, Integer keepSuffix, String codeTable, String pattern, String zone, Integer scale,
            String rounding, JsonNode fallback) {
        return new RuleDefinition(from, sources, separator, null, transform, keepPrefix, keepSuffix, codeTable,
                pattern, zone, scale, rounding, fallback);
    }

    @Provide
    Arbitrary<JsonNode> records() {
        return Combinators.combine(Arbitraries.strings().ofMaxLength(20).injectNull(0.2),
                Arbitraries.of("F", "M").injectNull(0.2), Arbitraries.of("1990-01-01", "2026-11-27").injectNull(0.2),
                Arbitraries.of("2026-11-27T08:15:30Z", "2026-11-27T23:59:59+08:00").injectNull(0.2),
                Arbitraries.doubles().between(-1e6, 1e6).injectNull(0.2),
                Arbitraries.integers().between(0, 20).injectNull(0.2))
                .as((text, gender, date, time, income, members) -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("idNumber", text);
                    values.put("name", text);
                    values.put("gender", gender);
                    values.put("birthDate", date);
                    values.put("registeredAt", time);
                    values.put("income", income);
                    values.put("members", members);
                    values.put("veteran", members == null ? null : members % 2 == 0);
                    values.put("address", text == null ? null : Map.of("line", text));
                    ObjectNode record = NODES.objectNode();
                    values.forEach((name, value) -> {
                        if (value != null) {
                            record.set(name, JSON.valueToTree(value));
                        }
                    });
                    return record;
                });
    }
}
