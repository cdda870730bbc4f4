package io.fillonce.fieldrules;

import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * How one target field gets its value: read the {@link Source}, translate it through a code table, apply the
 * {@link ValueTransform}; when the source is missing or null, the rule's {@code default} (as given) or nothing.
 */
public record FieldRule(Source source, String codeTable, ValueTransform transform, JsonNode fallback) {

    /** The target value for {@code data}, or empty when the source value is missing and there is no default. */
    Optional<JsonNode> valueFor(JsonNode data, CodeTables codeTables, FieldHasher hasher) {
        Optional<JsonNode> value = source.read(data);
        if (value.isEmpty()) {
            return Optional.ofNullable(fallback);
        }
        JsonNode result = value.get();
        if (codeTable != null) {
            result = StringNode.valueOf(translate(ValueTransform.text(result, source.describe(), "translated"),
                    codeTables));
        }
        return Optional.of(transform == null ? result : transform.apply(result, source.describe(), hasher));
    }

    private String translate(String code, CodeTables codeTables) {
        CodeTable table = codeTables.find(codeTable)
                .orElseThrow(() -> new UnmappableRecord("code table '" + codeTable + "' is not registered"));
        return table.lookup(code).orElseThrow(() -> new UnmappableRecord(
                "the code at " + source.describe() + " is not in code table '" + codeTable + "'"));
    }
}
