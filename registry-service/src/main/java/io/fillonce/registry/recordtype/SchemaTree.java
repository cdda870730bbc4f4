package io.fillonce.registry.recordtype;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** Finds declared properties in a record type's JSON Schema by JSON Pointer into the record. */
public final class SchemaTree {

    private static final int MAX_REF_HOPS = 16;

    private SchemaTree() {
    }

    /**
     * The schema of the property {@code pointer} names (e.g. {@code /address/line}), walking {@code properties}
     * of nested objects and following local {@code $ref}s; empty when no such property is declared.
     */
    public static Optional<JsonNode> property(JsonNode schema, String pointer) {
        if (schema == null || pointer == null || !pointer.startsWith("/")) {
            return Optional.empty();
        }
        JsonNode node = resolve(schema, schema);
        for (String token : tokens(pointer)) {
            JsonNode next = node.path("properties").path(token);
            if (!next.isObject() && !next.isBoolean()) {
                return Optional.empty();
            }
            node = resolve(schema, next);
        }
        return Optional.of(node);
    }

    /** Whether a property schema explicitly declares {@code type} (alone or in a type array). */
    public static boolean declaresType(JsonNode property, String type) {
        JsonNode declared = property.path("type");
        if (declared.isString()) {
            return declared.stringValue().equals(type);
        }
        for (JsonNode each : declared.values()) {
            if (each.isString() && each.stringValue().equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The reference tokens of a JSON Pointer, unescaped ({@code ~1} is '/', {@code ~0} is '~'). */
    public static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /** {@code node} with local {@code $ref}s followed within {@code root}. */
    static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        for (int hop = 0; hop < MAX_REF_HOPS && current.path("$ref").isString(); hop++) {
            String ref = current.path("$ref").stringValue();
            if (!ref.startsWith("#")) {
                return current;
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }
}
