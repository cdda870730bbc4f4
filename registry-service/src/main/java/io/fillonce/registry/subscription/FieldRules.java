package io.fillonce.registry.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.fillonce.registry.recordtype.SchemaTree;
import io.fillonce.registry.system.Problems;

/** Checks a subscription's field mapping against the record type's current schema and the code tables. */
final class FieldRules {

    private static final Pattern PLAIN_TARGET = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private final JsonNode schema;
    private final String recordType;
    private final Catalogue catalogue;
    private final Problems problems;

    /** {@code schema} is null when the record type is unknown; sources are then not resolved. */
    FieldRules(JsonNode schema, String recordType, Catalogue catalogue, Problems problems) {
        this.schema = schema;
        this.recordType = recordType;
        this.catalogue = catalogue;
        this.problems = problems;
    }

    void check(Map<String, FieldRule> fields) {
        if (fields == null || fields.isEmpty()) {
            problems.add("/fields", "minProperties", "fields must map at least one target field, "
                    + "e.g. {\"xm\": {\"from\": \"/name\"}}");
            return;
        }
        List<Target> targets = new ArrayList<>();
        fields.forEach((target, rule) -> {
            String pointer = Problems.child("/fields", target);
            checkTargetName(target, pointer, targets);
            checkRule(rule, pointer);
        });
        checkCollisions(targets);
    }

    private void checkTargetName(String target, String pointer, List<Target> targets) {
        if (PLAIN_TARGET.matcher(target).matches()) {
            targets.add(new Target(target, List.of(target), pointer));
        }
        else if (target.startsWith("/") && !SchemaTree.tokens(target).contains("")) {
            targets.add(new Target(target, SchemaTree.tokens(target), pointer));
        }
        else {
            problems.add(pointer, "propertyNames", "target '" + target + "' must be a plain name matching "
                    + PLAIN_TARGET.pattern() + " or a JSON Pointer with non-empty segments, e.g. \"/jzxx/dz\"");
        }
    }

    private void checkCollisions(List<Target> targets) {
        for (int i = 0; i < targets.size(); i++) {
            for (int j = i + 1; j < targets.size(); j++) {
                Target first = targets.get(i);
                Target second = targets.get(j);
                if (first.isPrefixOf(second) || second.isPrefixOf(first)) {
                    problems.add(second.pointer(), "collision", "target '" + second.name() + "' collides with '"
                            + first.name() + "': both would write the same place in the department payload");
                }
            }
        }
    }

    private void checkRule(FieldRule rule, String pointer) {
        if (rule == null) {
            problems.add(pointer, "type", "a field rule must be an object such as {\"from\": \"/name\"}");
            return;
        }
        JsonNode source = checkSource(rule.from(), pointer + "/from");
        checkTransform(rule, source, pointer);
        if (rule.codeTable() != null) {
            checkCodeTable(rule.codeTable(), source, pointer + "/codeTable");
        }
    }

    /** The source property's schema, or null when it cannot be resolved (a problem is recorded if it should). */
    private JsonNode checkSource(String from, String pointer) {
        if (from == null) {
            problems.add(pointer, "required", "from is required: a JSON Pointer into the record, e.g. \"/name\"");
            return null;
        }
        if (!from.startsWith("/") || SchemaTree.tokens(from).contains("")) {
            problems.add(pointer, "pattern", "from must be a JSON Pointer into the record such as \"/address/line\"");
            return null;
        }
        if (schema == null) {
            return null;
        }
        JsonNode property = SchemaTree.property(schema, from).orElse(null);
        if (property == null) {
            problems.add(pointer, "declared", "'" + from + "' is not a property declared by record type '"
                    + recordType + "'");
        }
        return property;
    }

    private void checkTransform(FieldRule rule, JsonNode source, String pointer) {
        if (rule.transform() != null && !rule.masks()) {
            problems.add(pointer + "/transform", "enum", "transform '" + rule.transform()
                    + "' is not available; available: mask");
        }
        if (rule.masks() && source != null && !SchemaTree.declaresType(source, "string")) {
            problems.add(pointer + "/transform", "type", "mask only applies to string fields; '" + rule.from()
                    + "' is not declared as a string");
        }
        checkKeep(rule.keepPrefix(), rule, pointer + "/keepPrefix");
        checkKeep(rule.keepSuffix(), rule, pointer + "/keepSuffix");
    }

    private void checkKeep(Integer keep, FieldRule rule, String pointer) {
        if (keep == null) {
            return;
        }
        if (!rule.masks()) {
            problems.add(pointer, "dependentRequired", "only applies with \"transform\": \"mask\"");
        }
        if (keep < 0) {
            problems.add(pointer, "minimum", "must be 0 or more");
        }
    }

    private void checkCodeTable(String name, JsonNode source, String pointer) {
        Set<String> codes = catalogue.codesOf(name).orElse(null);
        if (codes == null) {
            problems.add(pointer, "exists", "no code table '" + name + "'; create it first");
            return;
        }
        if (source == null || !source.path("enum").isArray()) {
            return;
        }
        Set<String> missing = new TreeSet<>();
        source.path("enum").values().forEach(value -> {
            if (!value.isNull() && !codes.contains(value.asString())) {
                missing.add(value.asString());
            }
        });
        if (!missing.isEmpty()) {
            problems.add(pointer, "coverage", "code table '" + name + "' has no entry for " + missing
                    + ", which the source field allows");
        }
    }

    private record Target(String name, List<String> tokens, String pointer) {

        boolean isPrefixOf(Target other) {
            return other.tokens.size() >= tokens.size() && other.tokens.subList(0, tokens.size()).equals(tokens);
        }
    }
}
