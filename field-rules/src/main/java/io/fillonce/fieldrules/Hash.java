package io.fillonce.fieldrules;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/** A per-department pseudonym of the value ({@link FieldHashes}). */
public record Hash() implements ValueTransform {

    @Override
    public JsonNode apply(JsonNode value, String from, FieldHasher hasher) {
        return StringNode.valueOf(hasher.hash(ValueTransform.text(value, from, "hashed")));
    }
}
