package io.fillonce.intake.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns CSV rows into records: each header names a property, top-level ({@code name}) or nested ({@code a.b} or
 * the JSON Pointer {@code /a/b}); each cell is coerced to the type the schema declares for that property
 * ({@code integer}, {@code number}, {@code boolean}, else string). An empty cell leaves the property out. A cell that
 * does not parse as its type stays a string, so the schema check reports it with its pointer.
 */
final class CsvColumns {

    private static final JsonMapper NUMBERS = JsonMapper.builder().build();

    private final List<List<String>> paths = new ArrayList<>();

    private final List<String> types = new ArrayList<>();

    CsvColumns(String[] headers, JsonNode schema) {
        for (String header : headers) {
            List<String> path = path(header.strip());
            paths.add(path);
            types.add(declaredType(schema, path));
        }
    }

    ObjectNode record(String[] cells) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < Math.min(cells.length, paths.size()); i++) {
            if (cells[i] == null || cells[i].isEmpty() || paths.get(i).isEmpty()) {
                continue;
            }
            ObjectNode parent = record;
            List<String> path = paths.get(i);
            for (String name : path.subList(0, path.size() - 1)) {
                JsonNode child = parent.get(name);
                parent = child instanceof ObjectNode object ? object : parent.putObject(name);
            }
            parent.set(path.get(path.size() - 1), value(cells[i], types.get(i)));
        }
        return record;
    }

    /** Numbers are read by the same JSON parser the single endpoint uses, so both give equal values. */
    private static JsonNode value(String cell, String type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String text = cell.strip();
        return switch (type) {
            case "integer" -> number(text, true);
            case "number" -> number(text, false);
            case "boolean" -> "true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)
                    ? nodes.booleanNode(Boolean.parseBoolean(text.toLowerCase())) : nodes.stringNode(cell);
            default -> nodes.stringNode(cell);
        };
    }

    private static JsonNode number(String text, boolean integral) {
        try {
            JsonNode node = NUMBERS.readTree(text);
            if (node != null && node.isNumber() && (!integral || node.isIntegralNumber())) {
                return node;
            }
        }
        catch (JacksonException notANumber) {
            // stays a string: the schema check names the field and the type it wants
        }
        return JsonNodeFactory.instance.stringNode(text);
    }

    static List<String> path(String header) {
        if (header.startsWith("/")) {
            return Arrays.stream(header.substring(1).split("/", -1))
                    .map(segment -> segment.replace("~1", "/").replace("~0", "~"))
                    .toList();
        }
        return header.isEmpty() ? List.of() : List.of(header.split("\\.", -1));
    }

    private static String declaredType(JsonNode schema, List<String> path) {
        JsonNode node = schema;
        for (String name : path) {
            node = node.path("properties").path(name);
        }
        JsonNode type = node.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asString())) {
                    return option.asString();
                }
            }
        }
        return type.asString("string");
    }
}
