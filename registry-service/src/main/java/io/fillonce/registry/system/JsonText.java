package io.fillonce.registry.system;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * JSON stored as text in Mongo documents: JSON Schemas and filters use keys such as {@code $schema} and
 * {@code $ref} that MongoDB field names should not carry. Used by the MapStruct mappers.
 */
@Component
public class JsonText {

    private final JsonMapper json;

    JsonText(JsonMapper json) {
        this.json = json;
    }

    public String write(JsonNode node) {
        return node == null || node.isNull() ? null : json.writeValueAsString(node);
    }

    public JsonNode read(String text) {
        return text == null ? null : json.readTree(text);
    }
}
