package io.fillonce.fieldrules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** JSON Pointer helpers shared by the parser, the mapping engine and the filters. */
final class Pointers {

    private Pointers() {
    }

    /**
     * The pointer a source, a filter field or a nested target is written as: '/' followed by non-empty reference
     * tokens ({@code /address/line}); empty when {@code text} is not one.
     */
    static Optional<JsonPointer> compile(String text) {
        if (text == null || !text.startsWith("/") || tokens(text).contains("")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonPointer.compile(text));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The reference tokens of a JSON Pointer, unescaped ({@code ~1} is '/', {@code ~0} is '~'). */
    static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /** Appends one reference token to a JSON Pointer, escaping '~' and '/' as RFC 6901 requires. */
    static String child(String pointer, String token) {
        return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
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
