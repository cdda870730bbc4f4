package io.fillonce.registry.recordtype;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.fillonce.registry.system.Problems;

/**
 * A proposed change to a schema by record pointer: remove a property, or rename (move) it to another pointer
 * (keeping whether it is required). Works on a copy; properties are found through {@code properties} only.
 */
final class SchemaEdits {

    private final ObjectNode schema;
    private final List<String> entityKey;
    private final Problems problems = new Problems();

    SchemaEdits(JsonNode schema, List<String> entityKey) {
        this.schema = (ObjectNode) schema.deepCopy();
        this.entityKey = new ArrayList<>(entityKey);
    }

    SchemaEdits remove(String pointer, String parameter) {
        ObjectNode parent = parentOf(pointer, parameter);
        if (parent != null) {
            String name = last(pointer);
            parent.withObject("properties").remove(name);
            dropRequired(parent, name);
            entityKey.removeIf(field -> Problems.child("", field).equals(pointer));
        }
        return this;
    }

    /** {@code change} is {@code /old:/new}. */
    SchemaEdits rename(String change, String parameter) {
        int colon = change.indexOf(":/");
        if (!change.startsWith("/") || colon < 0) {
            problems.add(parameter, "pattern", "rename must be /old:/new, e.g. /phone:/mobile");
            return this;
        }
        String from = change.substring(0, colon);
        String to = change.substring(colon + 1);
        ObjectNode source = parentOf(from, parameter);
        ObjectNode target = parentOf(to, parameter, false);
        if (source == null || target == null) {
            return this;
        }
        if (target.path("properties").has(last(to))) {
            problems.add(parameter, "exists", "'" + to + "' is already declared");
            return this;
        }
        JsonNode property = source.withObject("properties").remove(last(from));
        boolean required = dropRequired(source, last(from));
        target.withObject("properties").set(last(to), property);
        if (required) {
            target.withArray("required").add(last(to));
        }
        entityKey.replaceAll(field -> Problems.child("", field).equals(from) ? last(to) : field);
        return this;
    }

    JsonNode schema() {
        problems.throwIfAny("The proposed change is invalid");
        return schema;
    }

    List<String> entityKey() {
        return List.copyOf(entityKey);
    }

    private ObjectNode parentOf(String pointer, String parameter) {
        return parentOf(pointer, parameter, true);
    }

    /** The object schema declaring the pointer's last token (which must exist when {@code mustExist}). */
    private ObjectNode parentOf(String pointer, String parameter, boolean mustExist) {
        if (pointer == null || !pointer.startsWith("/") || SchemaTree.tokens(pointer).contains("")) {
            problems.add(parameter, "pattern", "'" + pointer + "' is not a JSON Pointer into the record");
            return null;
        }
        List<String> tokens = SchemaTree.tokens(pointer);
        JsonNode node = schema;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            node = node.path("properties").path(token);
        }
        if (!node.isObject() || (mustExist && !node.path("properties").has(last(pointer)))) {
            problems.add(parameter, "declared", "'" + pointer + "' is not a property declared by the schema"
                    + " (through \"properties\")");
            return null;
        }
        return (ObjectNode) node;
    }

    private static boolean dropRequired(ObjectNode parent, String name) {
        if (!(parent.get("required") instanceof ArrayNode required)) {
            return false;
        }
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asString().equals(name)) {
                required.remove(i);
                return true;
            }
        }
        return false;
    }

    private static String last(String pointer) {
        List<String> tokens = SchemaTree.tokens(pointer);
        return tokens.get(tokens.size() - 1);
    }
}
