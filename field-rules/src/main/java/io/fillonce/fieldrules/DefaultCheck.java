package io.fillonce.fieldrules;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A rule's {@code default} is written as given when the source is missing or null, so it must be what the rule
 * would otherwise write: a string for code tables, mask, hash, date, concat and patterned numbers; a number for
 * rounded numbers; a value of the source field's declared type (and enum) for a plain copy.
 */
final class DefaultCheck {

    private final Found found;

    DefaultCheck(Found found) {
        this.found = found;
    }

    void check(RuleDefinition rule, JsonNode source, String pointer) {
        JsonNode value = rule.defaultValue();
        if (value == null) {
            return;
        }
        if (rule.is(RuleDefinition.CONSTANT)) {
            found.add(pointer, "not", "a constant is never missing, so it takes no default");
        }
        else if (producesText(rule)) {
            expect(value.isString(), pointer, "this rule writes a string, so its default must be a string");
        }
        else if (rule.is(RuleDefinition.NUMBER)) {
            expect(value.isNumber(), pointer, "this rule writes a number, so its default must be a number");
        }
        else if (rule.transform() == null && source != null) {
            checkAgainstSource(rule, value, source, pointer);
        }
    }

    private static boolean producesText(RuleDefinition rule) {
        return rule.codeTable() != null || rule.masks() || rule.is(RuleDefinition.HASH) || rule.is(RuleDefinition.DATE)
                || rule.is(RuleDefinition.CONCAT) || (rule.is(RuleDefinition.NUMBER) && rule.pattern() != null);
    }

    private void checkAgainstSource(RuleDefinition rule, JsonNode value, JsonNode source, String pointer) {
        List<String> declared = source.path("type").isString() ? List.of(source.get("type").stringValue())
                : source.path("type").valueStream().map(type -> type.asString("")).toList();
        if (!declared.isEmpty() && declared.stream().noneMatch(type -> fits(value, type))) {
            found.add(pointer, "type", "the default must be a value of '" + rule.from() + "''s type "
                    + declared + ", as the department would otherwise receive it");
        }
        JsonNode allowed = source.path("enum");
        if (allowed.isArray() && allowed.valueStream().noneMatch(value::equals)) {
            found.add(pointer, "enum", "the default must be one of " + allowed + ", the values '" + rule.from()
                    + "' allows");
        }
    }

    private static boolean fits(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros()
                    .scale() <= 0);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        };
    }

    private void expect(boolean fits, String pointer, String message) {
        if (!fits) {
            found.add(pointer, "type", message);
        }
    }
}
