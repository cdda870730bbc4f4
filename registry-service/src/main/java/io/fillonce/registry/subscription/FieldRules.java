package io.fillonce.registry.subscription;

import java.util.ArrayList;
import java.util.Collections;
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
        List<JsonNode> sources = checkSources(rule, pointer);
        new TransformRules(problems).check(rule, sources, pointer);
        if (rule.codeTable() != null) {
            checkCodeTable(rule.codeTable(), sources.isEmpty() ? null : sources.get(0), pointer + "/codeTable");
        }
    }

    /** The schemas of the rule's sources in order (null where one cannot be resolved). */
    private List<JsonNode> checkSources(FieldRule rule, String pointer) {
        boolean constant = rule.is(FieldRule.CONSTANT);
        boolean concat = rule.is(FieldRule.CONCAT);
        if ((constant || concat) && rule.from() != null) {
            problems.add(pointer + "/from", "not", "a " + rule.transform() + " takes no from"
                    + (concat ? "; list the pointers in sources" : ""));
        }
        if (!concat && rule.sources() != null) {
            problems.add(pointer + "/sources", "dependentRequired", "only applies with \"transform\": \"concat\"");
        }
        if (concat && (rule.sources() == null || rule.sources().isEmpty())) {
            problems.add(pointer + "/sources", "minItems", "a concat needs sources: JSON Pointers into the record, "
                    + "e.g. [\"/address/city\", \"/address/line\"]");
        }
        if (constant || concat) {
            return concat ? rule.reads(pointer).stream().filter(read -> read.at().contains("/sources/"))
                    .map(read -> checkSource(read.from(), read.at())).toList() : List.of();
        }
        return Collections.singletonList(checkSource(rule.from(), pointer + "/from"));
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
