package io.fillonce.fieldrules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A subscription's field mapping, {@code {target: rule}}: the only way a value reaches a department. The payload
 * is built from the mapped targets alone, so nothing unmapped can leave. A plain target name is a top-level
 * property; a target starting with '/' is a JSON Pointer and becomes nested objects.
 */
public final class FieldMapping {

    private final Map<List<String>, FieldRule> rules;

    FieldMapping(Map<List<String>, FieldRule> rules) {
        this.rules = rules;
    }

    /**
     * Reads a registered {@code fields} object in its JSON form ({@link MappingParser#shapeOnly()}); throws
     * {@link InvalidMapping} naming every bad target and rule.
     */
    public static FieldMapping parse(JsonNode fields) {
        return MappingParser.shapeOnly().fields(RuleDefinition.readAll(fields));
    }

    /**
     * The department payload for {@code data}, hashing with the department's {@code hasher}; throws
     * {@link UnmappableRecord} when a mapped value cannot be built from this record (a code missing from a code
     * table, a value of the wrong type for its transform, ...).
     */
    public ObjectNode payloadFor(JsonNode data, CodeTables codeTables, FieldHasher hasher) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        rules.forEach((path, rule) -> valueFor(path, rule, data, codeTables, hasher)
                .ifPresent(value -> put(payload, path, value)));
        return payload;
    }

    /**
     * The parsed rules by target path (a top-level target is a path of one name), in the registry's order: what
     * describes the payload without running it (the onboarding kit's payload schema reads them).
     */
    public Map<List<String>, FieldRule> rules() {
        return rules;
    }

    /** Whether a rule of this mapping translates through the code table {@code name}. */
    public boolean readsCodeTable(String name) {
        return rules.values().stream().anyMatch(rule -> name.equals(rule.codeTable()));
    }

    /** Whatever goes wrong with one record's value is that record's problem, never the caller's lane's. */
    private static Optional<JsonNode> valueFor(List<String> path, FieldRule rule, JsonNode data,
            CodeTables codeTables, FieldHasher hasher) {
        try {
            return rule.valueFor(data, codeTables, hasher);
        }
        catch (UnmappableRecord e) {
            throw new UnmappableRecord("target '" + String.join("/", path) + "': " + e.getMessage());
        }
        catch (RuntimeException e) {
            // the exception's kind only: its message may quote the value
            throw new UnmappableRecord("target '" + String.join("/", path) + "' cannot be built ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static void put(ObjectNode payload, List<String> path, JsonNode value) {
        ObjectNode parent = payload;
        for (String name : path.subList(0, path.size() - 1)) {
            parent = parent.withObjectProperty(name);
        }
        parent.set(path.get(path.size() - 1), value.deepCopy());
    }

    @Override
    public String toString() {
        return "FieldMapping" + rules.keySet();
    }
}
