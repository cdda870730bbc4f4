package io.fillonce.registry.recordtype;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.fillonce.registry.system.Problems;

/**
 * Finds where a reader's schema rejects records a writer's schema accepts, walking nested object properties and
 * array items in step. Every finding is reported at a JSON Pointer into the record (array items as the token
 * {@code -}), with the keyword that narrows as its rule.
 */
final class SchemaNarrowing {

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
        JsonNode reader = SchemaValues.normal(SchemaTree.resolve(readerRoot, readerNode));
        JsonNode writer = SchemaValues.normal(SchemaTree.resolve(writerRoot, writerNode));
        compareTypes(reader, writer, pointer);
        compareEnums(reader, writer, pointer);
        compareBounds(reader, writer, pointer);
        compareOpaque(reader, writer, pointer);
        compareProperties(reader, writer, pointer);
        if (reader.has("items") || writer.has("items")) {
            compare(reader.path("items").isMissingNode() ? SchemaValues.EMPTY : reader.get("items"),
                    writer.path("items").isMissingNode() ? SchemaValues.EMPTY : writer.get("items"), pointer + "/-");
        }
    }

    private void compareTypes(JsonNode reader, JsonNode writer, String pointer) {
        Set<String> readerTypes = SchemaValues.types(reader);
        if (readerTypes == null) {
            return;
        }
        Set<String> writerTypes = SchemaValues.types(writer);
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
        Set<JsonNode> readerValues = SchemaValues.values(reader);
        if (readerValues == null) {
            return;
        }
        Set<JsonNode> writerValues = SchemaValues.values(writer);
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
                report(pointer, keyword, keyword + " " + SchemaValues.text(writer.get(keyword)) + " became "
                        + SchemaValues.text(reader.get(keyword)));
            }
        }
        if (reader.path("uniqueItems").asBoolean(false) && !writer.path("uniqueItems").asBoolean(false)) {
            report(pointer, "uniqueItems", "items must now be unique");
        }
        JsonNode multipleOf = reader.path("multipleOf");
        if (multipleOf.isNumber() && !SchemaValues.divides(multipleOf, writer.get("multipleOf"))) {
            report(pointer, "multipleOf", "multipleOf " + SchemaValues.text(writer.get("multipleOf")) + " became "
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
        compareDeclared(reader, writer, pointer);
        compareUndeclared(reader, writer, pointer);
    }

    /** Properties the reader declares: compared in step, or missing from what the writer writes. */
    private void compareDeclared(JsonNode reader, JsonNode writer, String pointer) {
        JsonNode readerProperties = reader.path("properties");
        JsonNode writerProperties = writer.path("properties");
        Set<String> readerRequired = SchemaValues.required(reader);
        Set<String> writerRequired = SchemaValues.required(writer);
        for (String name : readerProperties.propertyNames()) {
            String child = Problems.child(pointer, name);
            JsonNode property = readerProperties.get(name);
            // A "default" never makes a required property safe: in JSON Schema it is an annotation nothing applies
            // (unlike Avro), so records of the other version still lack the property. It only excuses removing an
            // optional one.
            if (writerProperties.has(name)) {
                compare(property, writerProperties.get(name), child);
                if (readerRequired.contains(name) && !writerRequired.contains(name)) {
                    missingRequired(child, name);
                }
            }
            else if (readerRequired.contains(name)) {
                missingRequired(child, name);
            }
            else if (!readerIsNew && !SchemaTree.resolve(readerRoot, property).has("default")) {
                report(child, "removedProperty", "'" + name + "' was removed; readers of the old version "
                        + "rely on every property it declares");
            }
        }
    }

    /** Properties only the writer declares, where the reader forbids additional properties. */
    private void compareUndeclared(JsonNode reader, JsonNode writer, String pointer) {
        JsonNode readerProperties = reader.path("properties");
        JsonNode writerProperties = writer.path("properties");
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
            problems.add(pointer, "newRequired", "'" + name + "' is newly required: records written under the old "
                    + "version may lack it, and a JSON Schema \"default\" is an annotation nothing fills in; add it "
                    + "as optional, or register a new record type");
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
}
