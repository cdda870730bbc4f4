package io.fillonce.sync.kit;

import java.util.Optional;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Finds what a record type's JSON Schema says of the value a JSON Pointer reads from a record. */
final class SourceSchemas {

    private SourceSchemas() {
    }

    /**
     * The schema of the property at {@code pointer} ({@code /address/line}: {@code properties.address.properties.
     * line}; an array index: the array's {@code items}), empty when the schema does not declare it.
     */
    static Optional<JsonNode> at(JsonNode schema, JsonPointer pointer) {
        JsonNode current = schema;
        for (JsonPointer at = pointer; !at.matches(); at = at.tail()) {
            JsonNode next = current.path("properties").get(at.getMatchingProperty());
            if (next == null && at.getMatchingIndex() >= 0) {
                next = current.get("items");
            }
            if (next == null || !next.isObject()) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }

    /**
     * Whether every record valid against {@code schema} has a value at {@code pointer}: each property on the way is
     * in its object's {@code required} and does not allow null. An array index never is.
     */
    static boolean requiredAlong(JsonNode schema, JsonPointer pointer) {
        JsonNode current = schema;
        for (JsonPointer at = pointer; !at.matches(); at = at.tail()) {
            String name = at.getMatchingProperty();
            boolean required = current.path("required").valueStream().anyMatch(value -> value.asString().equals(name));
            JsonNode next = current.path("properties").get(name);
            if (!required || next == null || allowsNull(next)) {
                return false;
            }
            current = next;
        }
        return true;
    }

    private static boolean allowsNull(JsonNode property) {
        JsonNode type = property.get("type");
        return type != null && (type.isString() ? "null".equals(type.asString())
                : type.valueStream().anyMatch(value -> "null".equals(value.asString())));
    }
}
