package io.fillonce.fieldrules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anything the registry accepts (the parser with the record type's schema and the code tables), sync-service can
 * run: its stored, published form parses again without them, and it builds a payload from every record the schema
 * allows without failing. Rules and records are drawn at random from a fixed seed, so a failure names its trial and
 * repeats.
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
    private static final long SEED = 20261207L;
    private static final int TRIALS = 2_000;
    private static final List<JsonNode> LITERALS = List.of(NODES.stringNode("x"), NODES.numberNode(1),
            NODES.booleanNode(true));
    private static final List<String> PATTERNS = List.of("yyyyMMdd", "yyyy年MM月dd日", "HH:mm", "XXX", "#,##0.00",
            "000");
    private static final List<String> ZONES = List.of("Asia/Shanghai", "+08:00", "Mars/Olympus");
    private static final List<String> ROUNDINGS = List.of("HALF_EVEN", "FLOOR", "UNNECESSARY");
    private static final List<String> SOURCES = List.of("/idNumber", "/name", "/gender", "/birthDate",
            "/registeredAt", "/income", "/members", "/veteran", "/address", "/address/line");
    private static final Map<String, String> GENDER_CIVIL = Map.of("F", "2", "M", "1");

    private final MappingParser registry = MappingParser.against(
            new SourceSchema("resident", pointer -> Optional.of(RESIDENT.at(pointer.replace("/", "/properties/")))
                    .filter(JsonNode::isObject)),
            name -> name.equals("gender-civil") ? Optional.of(GENDER_CIVIL.keySet()) : Optional.empty());

    @Test
    void whatTheRegistryAcceptsSyncRuns() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            RuleDefinition rule = rule(random);
            JsonNode record = record(random);
            String trialName = "trial " + trial + " (seed " + SEED + "): " + rule + " on " + record;
            Map<String, RuleDefinition> fields = Map.of("target", rule);
            if (!accepts(fields)) {
                continue;
            }
            accepted++;
            JsonNode published = JSON.valueToTree(Map.of("target", rule.withDefaults()));

            FieldMapping running = FieldMapping.parse(published);

            try {
                assertThat(running.payloadFor(record, name -> Optional.of(new CodeTable(name, GENDER_CIVIL)),
                        text -> "hash(" + text + ")")).as(trialName).isNotNull();
            }
            catch (UnmappableRecord e) {
                assertThat(translatesUnlistedValues(rule)).as(trialName + ": " + e.getMessage()).isTrue();
            }
        }
        assertThat(accepted).as("rules the registry accepted, of " + TRIALS).isGreaterThanOrEqualTo(TRIALS / 5);
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

    /** A rule of any kind, its settings drawn from what fits and what does not. */
    private static RuleDefinition rule(Random random) {
        String from = pick(random, SOURCES);
        String table = orNull(random, 0.7, "gender-civil");
        JsonNode fallback = orNull(random, 0.7, pick(random, LITERALS));
        return switch (random.nextInt(7)) {
            case 0 -> rule(from, null, null, null, null, null, table, null, null, null, null, fallback);
            case 1 -> rule(from, null, null, "mask", keep(random), keep(random), table, null, null, null, null,
                    fallback);
            case 2 -> rule(from, null, null, "hash", null, null, table, null, null, null, null, null);
            case 3 -> rule(from, null, null, "date", null, null, null, orNull(random, 0.1, pick(random, PATTERNS)),
                    orNull(random, 0.6, pick(random, ZONES)), null, null, fallback);
            case 4 -> rule(from, null, null, "number", null, null, null, orNull(random, 0.5, pick(random, PATTERNS)),
                    null, keep(random), orNull(random, 0.6, pick(random, ROUNDINGS)), null);
            case 5 -> rule(null, random.ints(1 + random.nextInt(3), 0, SOURCES.size()).mapToObj(SOURCES::get)
                    .toList(), orNull(random, 0.5, pick(random, List.of(" ", "-"))), "concat", null, null, null,
                    null, null, null, null, null);
            default -> new RuleDefinition(null, null, null, fallback, "constant", null, null, null, null, null, null,
                    null, null);
        };
    }

    private static RuleDefinition rule(String from, List<String> sources, String separator, String transform,
            Integer keepPrefix, Integer keepSuffix, String codeTable, String pattern, String zone, Integer scale,
            String rounding, JsonNode fallback) {
        return new RuleDefinition(from, sources, separator, null, transform, keepPrefix, keepSuffix, codeTable,
                pattern, zone, scale, rounding, fallback);
    }

    /** A record the schema allows, any property possibly missing. */
    private static JsonNode record(Random random) {
        String text = orNull(random, 0.2, text(random));
        Integer members = orNull(random, 0.2, random.nextInt(21));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("idNumber", text);
        values.put("name", text);
        values.put("gender", orNull(random, 0.2, pick(random, List.of("F", "M"))));
        values.put("birthDate", orNull(random, 0.2, pick(random, List.of("1990-01-01", "2026-11-27"))));
        values.put("registeredAt", orNull(random, 0.2,
                pick(random, List.of("2026-11-27T08:15:30Z", "2026-11-27T23:59:59+08:00"))));
        values.put("income", orNull(random, 0.2, (random.nextDouble() * 2 - 1) * 1e6));
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
    }

    /** Up to 20 characters, now and then beyond the Basic Multilingual Plane or a control character. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(21); i > 0; i--) {
            text.appendCodePoint(switch (random.nextInt(10)) {
                case 0 -> 0x1F600 + random.nextInt(50);
                case 1 -> random.nextInt(0x20);
                case 2, 3 -> 0x4E00 + random.nextInt(0x5000);
                default -> 0x20 + random.nextInt(0x5F);
            });
        }
        return text.toString();
    }

    private static Integer keep(Random random) {
        return orNull(random, 0.5, random.nextInt(6) - 1);
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static <T> T orNull(Random random, double nullShare, T value) {
        return random.nextDouble() < nullShare ? null : value;
    }
}
