package io.fillonce.sync.mapping;

import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * How one target field gets its value: read {@code from} (a JSON Pointer into the record data), then translate
 * it through a code table and/or mask it. Code-table lookup happens before masking.
 */
record FieldRule(JsonPointer from, String codeTable, Mask mask) {

    private static final Set<String> KNOWN = Set.of("from", "transform", "keepPrefix", "keepSuffix", "codeTable");

    static FieldRule parse(String target, JsonNode rule) {
        String where = "field '" + target + "'";
        if (!rule.isObject() || !rule.path("from").isString()) {
            throw new InvalidMapping(where + ": a rule is an object with a string 'from'");
        }
        rule.propertyNames().stream().filter(name -> !KNOWN.contains(name)).findFirst().ifPresent(name -> {
            throw new InvalidMapping(where + ": unknown rule property '" + name + "', allowed: " + KNOWN);
        });
        JsonPointer from = Pointers.compile(rule.get("from").stringValue(), where + " from");
        String codeTable = rule.path("codeTable").isString() ? rule.get("codeTable").stringValue() : null;
        return new FieldRule(from, codeTable, mask(where, rule));
    }

    private static Mask mask(String where, JsonNode rule) {
        JsonNode transform = rule.path("transform");
        if (transform.isMissingNode() || transform.isNull()) {
            return null;
        }
        if (!"mask".equals(transform.asString(""))) {
            throw new InvalidMapping(where + ": unknown transform '" + transform + "', allowed: mask");
        }
        return new Mask(rule.path("keepPrefix").asInt(Mask.DEFAULT_PREFIX), rule.path("keepSuffix").asInt(Mask.DEFAULT_SUFFIX));
    }

    /** The target value for {@code data}, or empty when the source value is missing. */
    Optional<JsonNode> valueFor(JsonNode data, CodeTables codeTables) {
        Optional<JsonNode> source = Pointers.valueAt(data, from);
        if (source.isEmpty() || (codeTable == null && mask == null)) {
            return source;
        }
        String text = Pointers.scalarText(source.get()).orElseThrow(() -> new UnmappableRecord(
                "value at " + from + " is not a single value, so it cannot be translated or masked"));
        if (codeTable != null) {
            text = translate(text, codeTables);
        }
        return Optional.of(StringNode.valueOf(mask == null ? text : mask.apply(text)));
    }

    private String translate(String code, CodeTables codeTables) {
        CodeTable table = codeTables.find(codeTable)
                .orElseThrow(() -> new UnmappableRecord("code table '" + codeTable + "' is not registered"));
        return table.lookup(code).orElseThrow(() -> new UnmappableRecord(
                "code '" + code + "' at " + from + " is not in code table '" + codeTable + "'"));
    }
}
