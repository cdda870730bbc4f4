package io.fillonce.fieldrules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * The one parser of the field-rule language: turns a subscription's {@code fields} and {@code filter} into a
 * runnable {@link FieldMapping} and {@link Filter}, or reports every problem, each with its JSON Pointer into the
 * subscription. Given the record type's {@link SourceSchema} and the code tables' {@link CanonicalCodes}, it also
 * checks that every source is declared and fits its transform, and that code tables exist and cover the source's
 * enum, so that a mapping it accepts never fails for a reason known in advance; without them it checks the rules'
 * own shape, which is all a runner of registered mappings needs.
 */
public final class MappingParser {

    private static final Pattern PLAIN_TARGET = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private final SourceSchema schema;
    private final CanonicalCodes codes;

    private MappingParser(SourceSchema schema, CanonicalCodes codes) {
        this.schema = schema;
        this.codes = codes;
    }

    /** Checks the rules' own shape only: what running a mapping the registry has accepted needs. */
    public static MappingParser shapeOnly() {
        return new MappingParser(null, null);
    }

    /**
     * Also checks sources against {@code schema} (null when the record type is unknown: sources are then not
     * resolved) and code tables against {@code codes} (null: not looked up).
     */
    public static MappingParser against(SourceSchema schema, CanonicalCodes codes) {
        return new MappingParser(schema, codes);
    }

    /** The mapping of {@code fields} ({@code {target: rule}}); throws {@link InvalidMapping} with every problem. */
    public FieldMapping fields(Map<String, RuleDefinition> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new InvalidMapping(List.of(new RuleProblem("/fields", "minProperties", "fields must map at least "
                    + "one target field, e.g. {\"xm\": {\"from\": \"/name\"}}")));
        }
        Found found = new Found();
        List<Target> targets = new ArrayList<>();
        Map<List<String>, FieldRule> rules = new LinkedHashMap<>();
        fields.forEach((name, definition) -> {
            String pointer = Pointers.child("/fields", name);
            Target target = target(name, pointer, found);
            FieldRule rule = rule(definition, pointer, found);
            if (target != null) {
                targets.add(target);
                rules.put(target.path(), rule);
            }
        });
        checkCollisions(targets, found);
        found.throwIfAny();
        return new FieldMapping(Collections.unmodifiableMap(rules));
    }

    /** The filter {@code filter} states (null or absent: every record); throws {@link InvalidMapping}. */
    public Filter filter(JsonNode filter) {
        Found found = new Found();
        Filter parsed = new FilterReader(schema, found).read(filter);
        found.throwIfAny();
        return parsed;
    }

    private static Target target(String name, String pointer, Found found) {
        if (PLAIN_TARGET.matcher(name).matches()) {
            return new Target(name, List.of(name), pointer);
        }
        if (Pointers.compile(name).isPresent()) {
            return new Target(name, Pointers.tokens(name), pointer);
        }
        found.add(pointer, "propertyNames", "target '" + name + "' must be a plain name matching "
                + PLAIN_TARGET.pattern() + " or a JSON Pointer with non-empty segments, e.g. \"/jzxx/dz\"");
        return null;
    }

    private static void checkCollisions(List<Target> targets, Found found) {
        for (int i = 0; i < targets.size(); i++) {
            for (int j = i + 1; j < targets.size(); j++) {
                Target first = targets.get(i);
                Target second = targets.get(j);
                if (first.isPrefixOf(second) || second.isPrefixOf(first)) {
                    found.add(second.pointer(), "collision", "target '" + second.name() + "' collides with '"
                            + first.name() + "': both would write the same place in the department payload");
                }
            }
        }
    }

    /** The parsed rule, or null when it has problems (all of them recorded). */
    private FieldRule rule(RuleDefinition definition, String pointer, Found found) {
        if (definition == null) {
            found.add(pointer, "type", "a field rule must be an object such as {\"from\": \"/name\"}");
            return null;
        }
        int before = found.count();
        List<JsonNode> sources = checkSources(definition, pointer, found);
        ValueTransform transform = new TransformReader(found).read(definition, sources, pointer);
        if (definition.codeTable() != null) {
            checkCodeTable(definition.codeTable(), sources.isEmpty() ? null : sources.get(0),
                    pointer + "/codeTable", found);
        }
        if (found.count() > before) {
            return null;
        }
        return new FieldRule(source(definition), definition.codeTable(), transform, definition.defaultValue());
    }

    /** The schemas of the rule's sources in order (null where one cannot be resolved). */
    private List<JsonNode> checkSources(RuleDefinition rule, String pointer, Found found) {
        boolean constant = rule.is(RuleDefinition.CONSTANT);
        boolean concat = rule.is(RuleDefinition.CONCAT);
        if ((constant || concat) && rule.from() != null) {
            found.add(pointer + "/from", "not", "a " + rule.transform() + " takes no from"
                    + (concat ? "; list the pointers in sources" : ""));
        }
        if (!concat && rule.sources() != null) {
            found.add(pointer + "/sources", "dependentRequired", "only applies with \"transform\": \"concat\"");
        }
        if (concat && (rule.sources() == null || rule.sources().isEmpty())) {
            found.add(pointer + "/sources", "minItems", "a concat needs sources: JSON Pointers into the record, "
                    + "e.g. [\"/address/city\", \"/address/line\"]");
        }
        if (constant || concat) {
            return concat ? rule.reads(pointer).stream().filter(read -> read.at().contains("/sources/"))
                    .map(read -> checkSource(read.from(), read.at(), found)).toList() : List.of();
        }
        return Collections.singletonList(checkSource(rule.from(), pointer + "/from", found));
    }

    /** The source property's schema, or null when it cannot be resolved (a problem is recorded if it should). */
    private JsonNode checkSource(String from, String pointer, Found found) {
        if (from == null) {
            found.add(pointer, "required", "from is required: a JSON Pointer into the record, e.g. \"/name\"");
            return null;
        }
        if (Pointers.compile(from).isEmpty()) {
            found.add(pointer, "pattern", "from must be a JSON Pointer into the record such as \"/address/line\"");
            return null;
        }
        if (schema == null) {
            return null;
        }
        JsonNode property = schema.property(from).orElse(null);
        if (property == null) {
            found.add(pointer, "declared", "'" + from + "' is not a property declared by record type '"
                    + schema.recordType() + "'");
        }
        return property;
    }

    private void checkCodeTable(String name, JsonNode source, String pointer, Found found) {
        if (codes == null) {
            return;
        }
        Set<String> known = codes.of(name).orElse(null);
        if (known == null) {
            found.add(pointer, "exists", "no code table '" + name + "'; create it first");
            return;
        }
        if (source == null || !source.path("enum").isArray()) {
            return;
        }
        Set<String> missing = new TreeSet<>();
        source.path("enum").values().forEach(value -> {
            if (!value.isNull() && !known.contains(value.asString())) {
                missing.add(value.asString());
            }
        });
        if (!missing.isEmpty()) {
            found.add(pointer, "coverage", "code table '" + name + "' has no entry for " + missing
                    + ", which the source field allows");
        }
    }

    /** Where a rule without problems reads its value. */
    private static Source source(RuleDefinition rule) {
        if (rule.is(RuleDefinition.CONSTANT)) {
            return new Source.Constant(rule.value().deepCopy());
        }
        if (rule.is(RuleDefinition.CONCAT)) {
            List<JsonPointer> pointers = rule.sources().stream().map(MappingParser::pointer).toList();
            return new Source.Concat(pointers, rule.separator() == null ? "" : rule.separator());
        }
        return new Source.Field(pointer(rule.from()));
    }

    private static JsonPointer pointer(String checked) {
        return Pointers.compile(checked).orElseThrow();
    }

    private record Target(String name, List<String> path, String pointer) {

        boolean isPrefixOf(Target other) {
            return other.path.size() >= path.size() && other.path.subList(0, path.size()).equals(path);
        }
    }
}
