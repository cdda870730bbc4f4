package io.fillonce.sync.mapping;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Reads one registry field rule, refusing anything the engine could not run unambiguously. */
final class FieldRuleReader {

    static final Set<String> TRANSFORMS = Set.of("mask", "hash", "date", "number", "concat", "constant");
    private static final Set<String> KNOWN = Set.of("from", "sources", "separator", "value", "transform", "keepPrefix",
            "keepSuffix", "codeTable", "pattern", "zone", "scale", "rounding", "default");

    private FieldRuleReader() {
    }

    static FieldRule read(String target, JsonNode rule) {
        String where = "field '" + target + "'";
        if (!rule.isObject()) {
            throw new InvalidMapping(where + ": a rule is an object such as {\"from\": \"/name\"}");
        }
        rule.propertyNames().stream().filter(name -> !KNOWN.contains(name)).findFirst().ifPresent(name -> {
            throw new InvalidMapping(where + ": unknown rule property '" + name + "', allowed: " + KNOWN);
        });
        String transform = text(rule, "transform");
        if (transform != null && !TRANSFORMS.contains(transform)) {
            throw new InvalidMapping(where + ": unknown transform '" + transform + "', allowed: " + TRANSFORMS);
        }
        String codeTable = text(rule, "codeTable");
        JsonNode fallback = rule.path("default").isMissingNode() || rule.get("default").isNull() ? null
                : rule.get("default").deepCopy();
        try {
            return new FieldRule(source(transform, rule, where), codeTable, valueTransform(transform, rule), fallback);
        }
        catch (InvalidMapping e) {
            throw new InvalidMapping(where + ": " + e.getMessage());
        }
    }

    private static Source source(String transform, JsonNode rule, String where) {
        if ("constant".equals(transform)) {
            if (rule.path("value").isMissingNode() || rule.get("value").isNull() || rule.has("from")) {
                throw new InvalidMapping("a constant has a non-null 'value' and no 'from'");
            }
            return new Source.Constant(rule.get("value").deepCopy());
        }
        if ("concat".equals(transform)) {
            JsonNode sources = rule.path("sources");
            if (!sources.isArray() || sources.isEmpty() || rule.has("from")) {
                throw new InvalidMapping("a concat has a non-empty array 'sources' and no 'from'");
            }
            List<JsonPointer> pointers = new ArrayList<>();
            sources.values().forEach(source -> pointers.add(Pointers.compile(source.asString(""), where + " sources")));
            return new Source.Concat(List.copyOf(pointers), rule.path("separator").asString(""));
        }
        if (!rule.path("from").isString() || rule.has("sources") || rule.has("value")) {
            throw new InvalidMapping("a rule reads a string 'from' (a JSON Pointer); 'sources' is for concat, "
                    + "'value' for constant");
        }
        return new Source.Field(Pointers.compile(rule.get("from").stringValue(), where + " from"));
    }

    private static ValueTransform valueTransform(String transform, JsonNode rule) {
        if (transform == null) {
            return null;
        }
        return switch (transform) {
            case "mask" -> new Mask(rule.path("keepPrefix").asInt(Mask.DEFAULT_PREFIX),
                    rule.path("keepSuffix").asInt(Mask.DEFAULT_SUFFIX));
            case "hash" -> new Hash();
            case "date" -> {
                if (text(rule, "pattern") == null) {
                    throw new InvalidMapping("a date transform needs a 'pattern', e.g. \"yyyyMMdd\"");
                }
                yield DateFormat.of(text(rule, "pattern"), text(rule, "zone"));
            }
            case "number" -> new NumberFormat(rule.path("scale").isInt() ? rule.get("scale").intValue() : null,
                    rounding(text(rule, "rounding")), text(rule, "pattern"));
            default -> null;
        };
    }

    private static RoundingMode rounding(String name) {
        try {
            RoundingMode mode = name == null ? RoundingMode.HALF_UP : RoundingMode.valueOf(name);
            if (mode == RoundingMode.UNNECESSARY) {
                throw new IllegalArgumentException(name);
            }
            return mode;
        }
        catch (IllegalArgumentException e) {
            throw new InvalidMapping("rounding '" + name + "' is not one of HALF_UP, HALF_EVEN, HALF_DOWN, UP, DOWN, "
                    + "CEILING, FLOOR");
        }
    }

    private static String text(JsonNode rule, String name) {
        return rule.path(name).isString() ? rule.get(name).stringValue() : null;
    }
}
