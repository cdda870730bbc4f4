package io.fillonce.registry.recordtype;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fillonce.registry.system.Problems;

/**
 * Finds where a reader's schema rejects records a writer's schema accepts, walking nested object properties and
 * array items in step. Every finding is reported at a JSON Pointer into the record (array items as the token
 * {@code -}), with the keyword that narrows as its rule.
 */
final class SchemaNarrowing {

    private static final JsonNode EMPTY = JsonMapper.builder().build().createObjectNode();
    private static final List<String> UPPER = List.of("maxLength", "maxItems", "maxProperties", "maximum",
            "exclusiveMaximum");
    private static final List<String> LOWER = List.of("minLength", "minItems", "minProperties", "minimum",
            "exclusiveMinimum");
    private static final List<String> SAME = List.of("pattern", "format");
    private static final List<String> OPAQUE = List.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "dependentSchemas", "dependentRequired", "patternProperties", "prefixItems", "contains",
            "propertyNames", "unevaluatedProperties", "unevaluatedItems");

    private final JsonNode readerRoot;
    private final JsonNode writerRoot;
    private final boolean readerIsNew;
    private final Problems problems;

    /** {@code readerIsNew}: true for the BACKWARD direction (the new schema reads old records). */
    private SchemaNarrowing(JsonNode readerRoot, JsonNode writerRoot, boolean readerIsNew, Problems problems) {
        this.readerRoot = readerRoot;
        this.writerRoot = writerRoot;
        this.readerIsNew = readerIsNew;
        this.problems = problems;
    }

    /** Where the new schema rejects records valid under the old one (BACKWARD). */
    static void backward(JsonNode oldSchema, JsonNode newSchema, Problems problems) {
        new SchemaNarrowing(newSchema, oldSchema, true, problems).compare(newSchema, oldSchema, "");
    }

    /** Where the old schema rejects records valid under the new one (FORWARD). */
    static void forward(JsonNode oldSchema, JsonNode newSchema, Problems problems) {
        new SchemaNarrowing(oldSchema, newSchema, false, problems).compare(oldSchema, newSchema, "");
    }

    private void compare(JsonNode readerNode, JsonNode writerNode, String pointer) {
        JsonNode reader = normal(SchemaTree.resolve(readerRoot, readerNode));
        JsonNode writer = normal(SchemaTree.resolve(writerRoot, writerNode));
        compareTypes(reader, writer, pointer);
        compareEnums(reader, writer, pointer);
        compareBounds(reader, writer, pointer);
        compareOpaque(reader, writer, pointer);
        compareProperties(reader, writer, pointer);
        if (reader.has("items") || writer.has("items")) {
            compare(reader.path("items").isMissingNode() ? EMPTY : reader.get("items"),
                    writer.path("items").isMissingNode() ? EMPTY : writer.get("items"), pointer + "/-");
        }
    }

    private void compareTypes(JsonNode reader, JsonNode writer, String pointer) {
        Set<String> readerTypes = types(reader);
        if (readerTypes == null) {
            return;
        }
        Set<String> writerTypes = types(writer);
        if (writerTypes == null) {
            report(pointer, "type", "type " + readerTypes + " where any type was allowed");
            return;
        }
        Set<String> lost = new LinkedHashSet<>();
        for (String type : writerTypes) {
            if (!readerTypes.contains(type) && !(type.equals("integer") && readerTypes.contains("number"))) {
                lost.add(type);
            }
        }
        if (!lost.isEmpty()) {
            report(pointer, "type", "type " + writerTypes + " narrowed to " + readerTypes + ": " + lost
                    + " no longer accepted");
        }
    }

    private void compareEnums(JsonNode reader, JsonNode writer, String pointer) {
        Set<JsonNode> readerValues = values(reader);
        if (readerValues == null) {
            return;
        }
        Set<JsonNode> writerValues = values(writer);
        if (writerValues == null) {
            report(pointer, "enum", "restricted to " + readerValues + " where any value was allowed");
            return;
        }
        Set<JsonNode> lost = new LinkedHashSet<>(writerValues);
        lost.removeAll(readerValues);
        if (!lost.isEmpty()) {
            report(pointer, "enum", "value(s) " + lost + " no longer allowed");
        }
    }

    private void compareBounds(JsonNode reader, JsonNode writer, String pointer) {
        for (String keyword : UPPER) {
            bound(reader, writer, pointer, keyword, 1);
        }
        for (String keyword : LOWER) {
            bound(reader, writer, pointer, keyword, -1);
        }
        for (String keyword : SAME) {
            if (reader.has(keyword) && !reader.get(keyword).equals(writer.get(keyword))) {
                report(pointer, keyword, keyword + " " + text(writer.get(keyword)) + " became "
                        + text(reader.get(keyword)));
            }
        }
        if (reader.path("uniqueItems").asBoolean(false) && !writer.path("uniqueItems").asBoolean(false)) {
            report(pointer, "uniqueItems", "items must now be unique");
        }
        if (reader.path("multipleOf").isNumber() && !divides(reader.get("multipleOf"), writer.get("multipleOf"))) {
            report(pointer, "multipleOf", "multipleOf " + text(writer.get("multipleOf")) + " became "
                    + reader.get("multipleOf"));
        }
    }

    /** {@code sign} 1: the reader's value must not be smaller (an upper bound); -1: not larger. */
    private void bound(JsonNode reader, JsonNode writer, String pointer, String keyword, int sign) {
        if (!reader.path(keyword).isNumber()) {
            return;
        }
        BigDecimal limit = reader.get(keyword).decimalValue();
        if (!writer.path(keyword).isNumber()) {
            report(pointer, keyword, keyword + " " + limit + " where there was no limit");
        }
        else if (limit.compareTo(writer.get(keyword).decimalValue()) * sign < 0) {
            report(pointer, keyword, keyword + " " + writer.get(keyword).decimalValue() + " became " + limit);
        }
    }

    private void compareOpaque(JsonNode reader, JsonNode writer, String pointer) {
        for (String keyword : OPAQUE) {
            if (reader.has(keyword) && !reader.get(keyword).equals(writer.get(keyword))) {
                report(pointer, keyword, "'" + keyword + "' changed; the registry cannot prove such a change "
                        + "compatible (use compatibility NONE if it is intended)");
            }
        }
    }

    private void compareProperties(JsonNode reader, JsonNode writer, String pointer) {
        JsonNode readerProperties = reader.path("properties");
        JsonNode writerProperties = writer.path("properties");
        Set<String> readerRequired = required(reader);
        Set<String> writerRequired = required(writer);
        for (String name : readerProperties.propertyNames()) {
            String child = Problems.child(pointer, name);
            JsonNode property = readerProperties.get(name);
            boolean hasDefault = SchemaTree.resolve(readerRoot, property).has("default");
            if (writerProperties.has(name)) {
                compare(property, writerProperties.get(name), child);
                if (readerRequired.contains(name) && !writerRequired.contains(name) && !hasDefault) {
                    missingRequired(child, name);
                }
            }
            else if (readerRequired.contains(name) && !hasDefault) {
                missingRequired(child, name);
            }
            else if (!readerIsNew && !hasDefault) {
                report(child, "removedProperty", "'" + name + "' was removed; readers of the old version "
                        + "rely on every property it declares");
            }
        }
        boolean closed = reader.path("additionalProperties").isBoolean()
                && !reader.get("additionalProperties").asBoolean();
        for (String name : writerProperties.propertyNames()) {
            if (closed && !readerProperties.has(name)) {
                report(Problems.child(pointer, name), "additionalProperties", readerIsNew
                        ? "'" + name + "' was removed while the new version forbids additional properties"
                        : "'" + name + "' is new but the old version forbids additional properties");
            }
        }
    }

    private void missingRequired(String pointer, String name) {
        if (readerIsNew) {
            problems.add(pointer, "newRequired", "'" + name + "' is newly required and has no default: records "
                    + "written under the old version may lack it");
        }
        else {
            problems.add(pointer, "removedRequired", "'" + name + "' is no longer required (or was removed): "
                    + "readers of the old version require it");
        }
    }

    private void report(String pointer, String rule, String what) {
        problems.add(pointer, rule, (readerIsNew
                ? "narrowed: records valid under the old version fail the new one: "
                : "widened: records valid under the new version fail the old one: ") + what);
    }

    /** Boolean schemas as objects: true accepts anything, false nothing. */
    private static JsonNode normal(JsonNode schema) {
        if (schema.isBoolean()) {
            return schema.asBoolean() ? EMPTY : JsonMapper.builder().build().createObjectNode()
                    .set("not", EMPTY);
        }
        return schema.isObject() ? schema : EMPTY;
    }

    /** The declared types, or null when any type is allowed. */
    private static Set<String> types(JsonNode schema) {
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
    private static Set<JsonNode> values(JsonNode schema) {
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

    private static Set<String> required(JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").values().forEach(each -> required.add(each.asString()));
        return required;
    }

    private static boolean divides(JsonNode divisor, JsonNode value) {
        return value != null && value.isNumber()
                && value.decimalValue().remainder(divisor.decimalValue()).signum() == 0;
    }

    private static String text(JsonNode value) {
        return value == null ? "(none)" : value.toString();
    }
}
