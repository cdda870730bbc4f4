package io.fillonce.sync.mapping;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Turns the registry's filter JSON into {@link Filter}s, refusing anything ambiguous. */
final class FilterReader {

    private static final Set<String> LEAF_TESTS = Set.of("equals", "in", "startsWith", "exists");
    private static final Set<String> GROUPS = Set.of("all", "any");

    private FilterReader() {
    }

    static Filter read(JsonNode filter) {
        if (filter == null || filter.isMissingNode() || filter.isNull()) {
            return Filter.EVERYTHING;
        }
        if (!filter.isObject()) {
            throw new InvalidMapping("a filter must be an object, got " + filter);
        }
        List<String> names = List.copyOf(filter.propertyNames());
        if (names.size() == 1 && GROUPS.contains(names.get(0))) {
            return group(names.get(0), filter.get(names.get(0)));
        }
        if (names.size() == 2 && names.contains("field")) {
            String test = names.get(0).equals("field") ? names.get(1) : names.get(0);
            if (LEAF_TESTS.contains(test)) {
                return leaf(field(filter.get("field")), test, filter.get(test));
            }
        }
        throw new InvalidMapping("a filter is {field, one of " + LEAF_TESTS + "} or {all|any: [filters]}, got " + filter);
    }

    private static Filter group(String name, JsonNode members) {
        if (!members.isArray()) {
            throw new InvalidMapping("'" + name + "' takes an array of filters");
        }
        List<Filter> filters = members.valueStream().map(FilterReader::read).toList();
        return name.equals("all") ? new Filter.All(filters) : new Filter.Any(filters);
    }

    private static JsonPointer field(JsonNode field) {
        if (!field.isString()) {
            throw new InvalidMapping("a filter's 'field' is a JSON Pointer string, got " + field);
        }
        return Pointers.compile(field.stringValue(), "filter field");
    }

    private static Filter leaf(JsonPointer field, String test, JsonNode argument) {
        return switch (test) {
            case "equals" -> new Filter.Equals(field, argument.deepCopy());
            case "in" -> new Filter.In(field, inValues(argument));
            case "startsWith" -> new Filter.StartsWith(field, text(argument, "startsWith"));
            default -> new Filter.Exists(field, bool(argument));
        };
    }

    private static List<JsonNode> inValues(JsonNode argument) {
        if (!argument.isArray()) {
            throw new InvalidMapping("'in' takes an array of values, got " + argument);
        }
        return argument.valueStream().map(JsonNode::deepCopy).toList();
    }

    private static String text(JsonNode argument, String test) {
        if (!argument.isString()) {
            throw new InvalidMapping("'" + test + "' takes a string, got " + argument);
        }
        return argument.stringValue();
    }

    private static boolean bool(JsonNode argument) {
        if (!argument.isBoolean()) {
            throw new InvalidMapping("'exists' takes true or false, got " + argument);
        }
        return argument.booleanValue();
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
