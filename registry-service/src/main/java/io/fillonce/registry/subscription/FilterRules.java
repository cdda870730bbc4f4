package io.fillonce.registry.subscription;

import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.fillonce.registry.recordtype.SchemaTree;
import io.fillonce.registry.system.Problems;

/**
 * Checks a subscription filter: a leaf {@code {"field": <pointer>, equals|in|startsWith|exists}} or
 * {@code {"all": [...]}} / {@code {"any": [...]}} of filters, whose field pointers resolve in the schema.
 */
final class FilterRules {

    static final int MAX_DEPTH = 8;
    private static final Set<String> TESTS = Set.of("equals", "in", "startsWith", "exists");

    private final JsonNode schema;
    private final Problems problems;

    /** {@code schema} is null when the record type is unknown; field pointers are then not resolved. */
    FilterRules(JsonNode schema, Problems problems) {
        this.schema = schema;
        this.problems = problems;
    }

    void check(JsonNode filter) {
        if (filter != null && !filter.isNull()) {
            check(filter, "/filter", 1);
        }
    }

    private void check(JsonNode filter, String pointer, int depth) {
        if (!filter.isObject()) {
            problems.add(pointer, "type", "a filter must be an object: {\"field\": \"/regionCode\", "
                    + "\"startsWith\": \"3706\"} or {\"all\": [...]} or {\"any\": [...]}");
        }
        else if (depth > MAX_DEPTH) {
            problems.add(pointer, "maxDepth", "filters may nest at most " + MAX_DEPTH + " levels deep");
        }
        else if (filter.has("all") || filter.has("any")) {
            checkCombination(filter, pointer, depth);
        }
        else {
            checkLeaf(filter, pointer);
        }
    }

    private void checkCombination(JsonNode filter, String pointer, int depth) {
        if (filter.size() != 1) {
            problems.add(pointer, "oneOf", "a filter with \"all\" or \"any\" must have nothing else");
            return;
        }
        String combinator = filter.has("all") ? "all" : "any";
        JsonNode parts = filter.get(combinator);
        String partsPointer = pointer + "/" + combinator;
        if (!parts.isArray() || parts.isEmpty()) {
            problems.add(partsPointer, "minItems", "\"" + combinator + "\" must be a non-empty array of filters");
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            check(parts.get(i), Problems.child(partsPointer, i), depth + 1);
        }
    }

    private void checkLeaf(JsonNode filter, String pointer) {
        checkField(filter.get("field"), pointer + "/field");
        long tests = filter.propertyNames().stream().filter(TESTS::contains).count();
        if (tests != 1) {
            problems.add(pointer, "oneOf", "a filter test needs exactly one of equals, in, startsWith, exists");
        }
        for (String name : filter.propertyNames()) {
            if (!name.equals("field") && !TESTS.contains(name)) {
                problems.add(Problems.child(pointer, name), "additionalProperties", "unknown filter property '"
                        + name + "'; allowed: field, equals, in, startsWith, exists, all, any");
            }
        }
        if (filter.has("in") && !filter.get("in").isArray()) {
            problems.add(pointer + "/in", "type", "\"in\" must be an array of values");
        }
        if (filter.has("startsWith") && !filter.get("startsWith").isString()) {
            problems.add(pointer + "/startsWith", "type", "\"startsWith\" must be a string");
        }
        if (filter.has("exists") && !filter.get("exists").isBoolean()) {
            problems.add(pointer + "/exists", "type", "\"exists\" must be true or false");
        }
    }

    private void checkField(JsonNode field, String pointer) {
        if (field == null || !field.isString()) {
            problems.add(pointer, "required", "field is required: a JSON Pointer into the record, e.g. "
                    + "\"/regionCode\"");
        }
        else if (schema != null && SchemaTree.property(schema, field.stringValue()).isEmpty()) {
            problems.add(pointer, "declared", "'" + field.stringValue() + "' is not a property declared by the "
                    + "record type");
        }
        else if (schema == null && !field.stringValue().startsWith("/")) {
            problems.add(pointer, "pattern", "field must be a JSON Pointer such as \"/regionCode\"");
        }
    }
}
