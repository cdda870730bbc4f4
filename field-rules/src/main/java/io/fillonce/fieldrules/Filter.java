package io.fillonce.fieldrules;

import java.util.List;
import java.util.Optional;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Which records a subscription wants: a leaf test over a JSON Pointer into the record data
 * ({@code equals}, {@code in}, {@code startsWith}, {@code exists}) or {@code all}/{@code any} of filters.
 * A missing value and JSON null are treated alike.
 */
public sealed interface Filter {

    /** The filter of a subscription without one. */
    Filter EVERYTHING = new All(List.of());

    boolean matches(JsonNode data);

    /** The filter in words, for people (e.g. a preview that explains why a record is excluded). */
    String describe();

    /** The JSON Pointers into the record data the filter tests, in the order written (a field tested twice, twice). */
    List<String> fields();

    /**
     * Reads a registered filter ({@link MappingParser#shapeOnly()}); null or absent means {@link #EVERYTHING}.
     * Throws {@link InvalidMapping} naming every problem.
     */
    static Filter parse(JsonNode filter) {
        return MappingParser.shapeOnly().filter(filter);
    }

    record Equals(JsonPointer field, JsonNode value) implements Filter {
        @Override
        public boolean matches(JsonNode data) {
            return FilterReader.sameValue(Pointers.valueAt(data, field), value);
        }

        @Override
        public List<String> fields() {
            return List.of(field.toString());
        }

        @Override
        public String describe() {
            return field + " equals " + value;
        }
    }

    record In(JsonPointer field, List<JsonNode> values) implements Filter {
        @Override
        public boolean matches(JsonNode data) {
            Optional<JsonNode> actual = Pointers.valueAt(data, field);
            return values.stream().anyMatch(value -> FilterReader.sameValue(actual, value));
        }

        @Override
        public List<String> fields() {
            return List.of(field.toString());
        }

        @Override
        public String describe() {
            return field + " is one of " + values;
        }
    }

    record StartsWith(JsonPointer field, String prefix) implements Filter {
        @Override
        public boolean matches(JsonNode data) {
            return Pointers.valueAt(data, field).flatMap(Pointers::scalarText)
                    .map(text -> text.startsWith(prefix))
                    .orElse(false);
        }

        @Override
        public List<String> fields() {
            return List.of(field.toString());
        }

        @Override
        public String describe() {
            return field + " starts with \"" + prefix + "\"";
        }
    }

    record Exists(JsonPointer field, boolean expected) implements Filter {
        @Override
        public boolean matches(JsonNode data) {
            return Pointers.valueAt(data, field).isPresent() == expected;
        }

        @Override
        public List<String> fields() {
            return List.of(field.toString());
        }

        @Override
        public String describe() {
            return field + (expected ? " exists" : " is absent");
        }
    }

    record All(List<Filter> filters) implements Filter {
        @Override
        public boolean matches(JsonNode data) {
            return filters.stream().allMatch(filter -> filter.matches(data));
        }

        @Override
        public List<String> fields() {
            return filters.stream().flatMap(filter -> filter.fields().stream()).toList();
        }

        @Override
        public String describe() {
            return filters.isEmpty() ? "every record" : combined("all of", filters);
        }
    }

    record Any(List<Filter> filters) implements Filter {
        @Override
        public boolean matches(JsonNode data) {
            return filters.stream().anyMatch(filter -> filter.matches(data));
        }

        @Override
        public List<String> fields() {
            return filters.stream().flatMap(filter -> filter.fields().stream()).toList();
        }

        @Override
        public String describe() {
            return combined("any of", filters);
        }
    }

    private static String combined(String how, List<Filter> filters) {
        return how + " (" + String.join("; ", filters.stream().map(Filter::describe).toList()) + ")";
    }
}
