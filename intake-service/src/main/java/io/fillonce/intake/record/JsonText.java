package io.fillonce.intake.record;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Turns stored JSON text back into a JSON tree; MapStruct uses it for the {@code data} field. */
@Component
class JsonText {

    private final JsonMapper json;

    JsonText(JsonMapper json) {
        this.json = json;
    }

    JsonNode tree(String text) {
        return json.readTree(text);
    }

    String text(JsonNode tree) {
        return json.writeValueAsString(tree);
    }
}
