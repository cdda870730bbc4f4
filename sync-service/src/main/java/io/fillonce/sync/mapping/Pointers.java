package io.fillonce.sync.mapping;

import java.util.Optional;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** JSON Pointer helpers shared by the mapping engine and the filters. */
final class Pointers {

    private Pointers() {
    }

    static JsonPointer compile(String text, String where) {
        try {
            return JsonPointer.compile(text);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidMapping(where + ": '" + text + "' is not a JSON Pointer");
        }
    }

    /** The value at {@code pointer}; a missing value and JSON null are both absent. */
    static Optional<JsonNode> valueAt(JsonNode data, JsonPointer pointer) {
        JsonNode value = data.at(pointer);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** The value's text when it is a scalar (string, number, boolean), else empty. */
    static Optional<String> scalarText(JsonNode value) {
        return value.isValueNode() && !value.isNull() ? Optional.of(value.asString()) : Optional.empty();
    }
}
