package io.fillonce.sync.kit;

import java.math.BigDecimal;
import java.util.Optional;

import io.fillonce.fieldrules.Filter;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A made-up record of a record type, for the onboarding kit's example messages: no person's data. Every property
 * the schema declares gets a value, so every mapped field shows: the property's first {@code examples} entry, else
 * its {@code default}, {@code const} or first {@code enum} value; else by type and format ({@code date}
 * 2026-11-27, {@code date-time} 2026-11-27T08:15:30Z, {@code email} someone@example.org), a string matching a
 * simple {@code pattern} (character classes, literals and counted repeats, each at its smallest), a number at its
 * {@code minimum} or 1, {@code true}, one array item. Then the subscription's filter is made to hold: an
 * {@code equals} or {@code in} sets its value, a {@code startsWith} puts its prefix in front of the sample value
 * (keeping the value's length where it is longer), {@code exists} adds or removes; {@code any} is met by its first
 * member.
 */
final class SampleRecords {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SampleRecords() {
    }

    static ObjectNode of(JsonNode schema, Filter filter) {
        JsonNode sample = value("record", schema);
        ObjectNode record = sample.isObject() ? (ObjectNode) sample : NODES.objectNode();
        if (filter != null) {
            meet(record, filter);
        }
        return record;
    }

    private static JsonNode value(String name, JsonNode schema) {
        if (schema.path("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0).deepCopy();
        }
        for (String given : new String[] {"default", "const"}) {
            if (schema.has(given)) {
                return schema.get(given).deepCopy();
            }
        }
        if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0).deepCopy();
        }
        return switch (type(schema)) {
            case "object" -> object(schema);
            case "array" -> {
                var items = NODES.arrayNode();
                int count = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < count; i++) {
                    items.add(value(name, schema.path("items")));
                }
                yield items;
            }
            case "integer" -> NODES.numberNode(schema.path("minimum").isNumber()
                    ? (long) Math.ceil(schema.get("minimum").asDouble()) : 1L);
            case "number" -> NODES.numberNode(schema.path("minimum").isNumber()
                    ? schema.get("minimum").decimalValue() : BigDecimal.ONE);
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.stringNode(text(name, schema));
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            return type.valueStream().map(JsonNode::asString).filter(name -> !"null".equals(name)).findFirst()
                    .orElse("string");
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static ObjectNode object(JsonNode schema) {
        ObjectNode object = NODES.objectNode();
        schema.path("properties").properties()
                .forEach(property -> object.set(property.getKey(), value(property.getKey(), property.getValue())));
        return object;
    }

    private static String text(String name, JsonNode schema) {
        String format = schema.path("format").asString("");
        switch (format) {
            case "date" -> {
                return "2026-11-27";
            }
            case "date-time" -> {
                return "2026-11-27T08:15:30Z";
            }
            case "email" -> {
                return "someone@example.org";
            }
            case "uri" -> {
                return "https://example.org/";
            }
            default -> {
                // by pattern, else an example text
            }
        }
        Optional<String> matching = schema.has("pattern") ? PatternSamples.of(schema.get("pattern").asString())
                : Optional.empty();
        if (matching.isPresent()) {
            return matching.get();
        }
        StringBuilder text = new StringBuilder("example " + name);
        while (text.length() < schema.path("minLength").asInt(0)) {
            text.append('x');
        }
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return text.length() > max ? text.substring(0, max) : text.toString();
    }

    private static void meet(ObjectNode record, Filter filter) {
        if (filter instanceof Filter.Equals equals) {
            set(record, equals.field(), equals.value().deepCopy());
        }
        else if (filter instanceof Filter.In in && !in.values().isEmpty()) {
            set(record, in.field(), in.values().get(0).deepCopy());
        }
        else if (filter instanceof Filter.StartsWith starts) {
            JsonNode current = record.at(starts.field());
            String sample = current.isString() ? current.asString() : "";
            String prefix = starts.prefix();
            set(record, starts.field(), NODES.stringNode(sample.length() > prefix.length()
                    ? prefix + sample.substring(prefix.length()) : prefix));
        }
        else if (filter instanceof Filter.Exists exists) {
            if (!exists.expected()) {
                remove(record, exists.field());
            }
            else if (record.at(exists.field()).isMissingNode()) {
                set(record, exists.field(), NODES.stringNode("example"));
            }
        }
        else if (filter instanceof Filter.All all) {
            all.filters().forEach(member -> meet(record, member));
        }
        else if (filter instanceof Filter.Any any && !any.filters().isEmpty()) {
            meet(record, any.filters().get(0));
        }
    }

    private static void set(ObjectNode record, JsonPointer pointer, JsonNode value) {
        if (pointer.matches()) {
            return;
        }
        ObjectNode parent = record;
        JsonPointer at = pointer;
        while (!at.tail().matches()) {
            parent = parent.withObjectProperty(at.getMatchingProperty());
            at = at.tail();
        }
        parent.set(at.getMatchingProperty(), value);
    }

    private static void remove(ObjectNode record, JsonPointer pointer) {
        JsonNode parent = record.at(pointer.head());
        if (parent instanceof ObjectNode object) {
            object.remove(pointer.last().getMatchingProperty());
        }
    }
}
