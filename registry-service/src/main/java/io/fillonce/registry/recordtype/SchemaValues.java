package io.fillonce.registry.recordtype;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a schema node says about the values it allows, as {@link SchemaNarrowing} compares it. */
final class SchemaValues {

    static final JsonNode EMPTY = JsonMapper.builder().build().createObjectNode();

    private SchemaValues() {
    }

    /** Boolean schemas as objects: true accepts anything, false nothing. */
    static JsonNode normal(JsonNode schema) {
        if (schema.isBoolean()) {
            return schema.asBoolean() ? EMPTY : JsonMapper.builder().build().createObjectNode()
                    .set("not", EMPTY);
        }
        return schema.isObject() ? schema : EMPTY;
    }

    /** The declared types, or null when any type is allowed. */
    static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        if (type.isString()) {
            types.add(type.stringValue());
        }
        type.values().forEach(each -> types.add(each.asString()));
        return types;
    }

    /** The allowed values ({@code enum} or {@code const}), or null when not restricted. */
    static Set<JsonNode> values(JsonNode schema) {
        if (schema.has("const")) {
            return Set.of(schema.get("const"));
        }
        if (!schema.path("enum").isArray()) {
            return null;
        }
        Set<JsonNode> values = new LinkedHashSet<>();
        schema.get("enum").values().forEach(values::add);
        return values;
    }

    static Set<String> required(JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").values().forEach(each -> required.add(each.asString()));
        return required;
    }

    static boolean divides(JsonNode divisor, JsonNode value) {
        return value != null && value.isNumber()
                && value.decimalValue().remainder(divisor.decimalValue()).signum() == 0;
    }

    static String text(JsonNode value) {
        return value == null ? "(none)" : value.toString();
    }
}
