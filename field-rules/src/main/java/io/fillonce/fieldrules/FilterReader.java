package io.fillonce.fieldrules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a subscription filter: a leaf {@code {"field": <pointer>, equals|in|startsWith|exists}} or
 * {@code {"all": [...]}} / {@code {"any": [...]}} of filters, whose field pointers resolve in the schema when it is
 * known. Every problem is recorded with its pointer; the filter is built when there is none.
 */
final class FilterReader {

    static final int MAX_DEPTH = 8;
    private static final Set<String> TESTS = Set.of("equals", "in", "startsWith", "exists");

    private final SourceSchema schema;
    private final Found found;

    /** {@code schema} is null when the record type is unknown; field pointers are then not resolved. */
    FilterReader(SourceSchema schema, Found found) {
        this.schema = schema;
        this.found = found;
    }

    /** The filter; {@link Filter#EVERYTHING} when there is none, null when it has problems. */
    Filter read(JsonNode filter) {
        if (filter == null || filter.isMissingNode() || filter.isNull()) {
            return Filter.EVERYTHING;
        }
        return read(filter, "/filter", 1);
    }

    private Filter read(JsonNode filter, String pointer, int depth) {
        if (!filter.isObject()) {
            found.add(pointer, "type", "a filter must be an object: {\"field\": \"/regionCode\", "
                    + "\"startsWith\": \"3706\"} or {\"all\": [...]} or {\"any\": [...]}");
            return null;
        }
        if (depth > MAX_DEPTH) {
            found.add(pointer, "maxDepth", "filters may nest at most " + MAX_DEPTH + " levels deep");
            return null;
        }
        return filter.has("all") || filter.has("any") ? combination(filter, pointer, depth) : leaf(filter, pointer);
    }

    private Filter combination(JsonNode filter, String pointer, int depth) {
        if (filter.size() != 1) {
            found.add(pointer, "oneOf", "a filter with \"all\" or \"any\" must have nothing else");
            return null;
        }
        String combinator = filter.has("all") ? "all" : "any";
        JsonNode parts = filter.get(combinator);
        String partsPointer = pointer + "/" + combinator;
        if (!parts.isArray() || parts.isEmpty()) {
            found.add(partsPointer, "minItems", "\"" + combinator + "\" must be a non-empty array of filters");
            return null;
        }
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            filters.add(read(parts.get(i), Pointers.child(partsPointer, String.valueOf(i)), depth + 1));
        }
        if (filters.contains(null)) {
            return null;
        }
        return combinator.equals("all") ? new Filter.All(List.copyOf(filters)) : new Filter.Any(List.copyOf(filters));
    }

    private Filter leaf(JsonNode filter, String pointer) {
        int before = found.count();
        JsonPointer field = field(filter.get("field"), pointer + "/field");
        long tests = filter.propertyNames().stream().filter(TESTS::contains).count();
        if (tests != 1) {
            found.add(pointer, "oneOf", "a filter test needs exactly one of equals, in, startsWith, exists");
        }
        for (String name : filter.propertyNames()) {
            if (!name.equals("field") && !TESTS.contains(name)) {
                found.add(Pointers.child(pointer, name), "additionalProperties", "unknown filter property '"
                        + name + "'; allowed: field, equals, in, startsWith, exists, all, any");
            }
        }
        if (filter.has("in") && !filter.get("in").isArray()) {
            found.add(pointer + "/in", "type", "\"in\" must be an array of values");
        }
        if (filter.has("startsWith") && !filter.get("startsWith").isString()) {
            found.add(pointer + "/startsWith", "type", "\"startsWith\" must be a string");
        }
        if (filter.has("exists") && !filter.get("exists").isBoolean()) {
            found.add(pointer + "/exists", "type", "\"exists\" must be true or false");
        }
        return found.count() > before ? null : test(field, filter);
    }

    private JsonPointer field(JsonNode field, String pointer) {
        if (field == null || !field.isString()) {
            found.add(pointer, "required", "field is required: a JSON Pointer into the record, e.g. "
                    + "\"/regionCode\"");
            return null;
        }
        Optional<JsonPointer> compiled = Pointers.compile(field.stringValue());
        if (compiled.isEmpty()) {
            found.add(pointer, "pattern", "field must be a JSON Pointer such as \"/regionCode\"");
        }
        else if (schema != null && schema.property(field.stringValue()).isEmpty()) {
            found.add(pointer, "declared", "'" + field.stringValue() + "' is not a property declared by the "
                    + "record type");
        }
        return compiled.orElse(null);
    }

    private static Filter test(JsonPointer field, JsonNode filter) {
        if (filter.has("equals")) {
            return new Filter.Equals(field, filter.get("equals").deepCopy());
        }
        if (filter.has("in")) {
            return new Filter.In(field, filter.get("in").valueStream().map(JsonNode::deepCopy).toList());
        }
        if (filter.has("startsWith")) {
            return new Filter.StartsWith(field, filter.get("startsWith").stringValue());
        }
        return new Filter.Exists(field, filter.get("exists").booleanValue());
    }

    /** JSON equality where 1 and 1.0 are the same number and an absent value equals null. */
    static boolean sameValue(Optional<JsonNode> actual, JsonNode expected) {
        if (actual.isEmpty()) {
            return expected.isNull();
        }
        JsonNode value = actual.get();
        if (value.isNumber() && expected.isNumber()) {
            return value.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return value.equals(expected);
    }
}
