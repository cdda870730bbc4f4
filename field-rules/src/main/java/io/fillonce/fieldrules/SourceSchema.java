package io.fillonce.fieldrules;

import java.util.Optional;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * The record type a mapping reads, as the parser needs it to check sources against it: its name (for messages) and
 * the JSON Schema of the property a source pointer names ({@code properties}, empty when no such property is
 * declared). Without one the parser checks the rules' own shape only.
 */
public record SourceSchema(String recordType, Function<String, Optional<JsonNode>> properties) {

    Optional<JsonNode> property(String pointer) {
        return properties.apply(pointer);
    }

    /** Whether a property schema explicitly declares {@code type} (alone or in a type array). */
    static boolean declares(JsonNode property, String type) {
        JsonNode declared = property.path("type");
        if (declared.isString()) {
            return declared.stringValue().equals(type);
        }
        return declared.valueStream().anyMatch(each -> each.isString() && each.stringValue().equals(type));
    }
}
