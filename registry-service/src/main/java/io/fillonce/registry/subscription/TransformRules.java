package io.fillonce.registry.subscription;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

import io.fillonce.registry.recordtype.SchemaTree;
import io.fillonce.registry.system.Problems;

/**
 * Checks that a rule's transform fits its source fields and that its settings are complete and compile: the very
 * rules sync-service's mapping engine runs, so a registered mapping never fails for a reason known in advance.
 */
final class TransformRules {

    static final int MAX_SCALE = 18;
    static final List<String> ROUNDINGS = List.of("HALF_UP", "HALF_EVEN", "HALF_DOWN", "UP", "DOWN", "CEILING",
            "FLOOR");
    private static final List<String> SCALARS = List.of("string", "number", "integer", "boolean");

    private final Problems problems;

    TransformRules(Problems problems) {
        this.problems = problems;
    }

    /** {@code sources} are the schemas of the rule's source fields in order, null where unresolved. */
    void check(FieldRule rule, List<JsonNode> sources, String pointer) {
        String transform = rule.transform();
        if (transform != null && !FieldRule.TRANSFORMS.contains(transform)) {
            problems.add(pointer + "/transform", "enum", "transform '" + transform + "' is not available; available: "
                    + String.join(", ", FieldRule.TRANSFORMS));
        }
        JsonNode source = sources.size() == 1 ? sources.get(0) : null;
        if (transform != null) {
            switch (transform) {
                case FieldRule.MASK -> requireType(rule, source, List.of("string"), pointer + "/transform");
                case FieldRule.HASH -> requireType(rule, source, SCALARS, pointer + "/transform");
                case FieldRule.DATE -> checkDate(rule, source, pointer);
                case FieldRule.NUMBER -> checkNumber(rule, source, pointer);
                case FieldRule.CONCAT -> checkConcat(rule, sources, pointer);
                case FieldRule.CONSTANT -> checkConstant(rule, pointer);
                default -> {
                    // reported above
                }
            }
        }
        checkApplicable(rule, pointer);
        new DefaultRule(problems).check(rule, source, pointer + "/default");
    }

    private void requireType(FieldRule rule, JsonNode source, List<String> types, String pointer) {
        if (source != null && types.stream().noneMatch(type -> SchemaTree.declaresType(source, type))) {
            problems.add(pointer, "type", rule.transform() + " only applies to " + String.join(" or ", types)
                    + " fields; '" + rule.from() + "' is not declared as one");
        }
    }

    private void checkDate(FieldRule rule, JsonNode source, String pointer) {
        String format = source == null ? null : source.path("format").asString("");
        if (source != null && (!SchemaTree.declaresType(source, "string")
                || !List.of("date", "date-time").contains(format))) {
            problems.add(pointer + "/transform", "type", "date only applies to strings with \"format\": \"date\" or "
                    + "\"date-time\"; '" + rule.from() + "' is not declared as one");
        }
        ZoneId zone = zone(rule.zone(), pointer + "/zone");
        if (rule.pattern() == null) {
            problems.add(pointer + "/pattern", "required", "a date transform needs a pattern, e.g. \"yyyyMMdd\" or "
                    + "\"yyyy年MM月dd日\"");
            return;
        }
        try {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(rule.pattern(), Locale.ROOT);
            formatter.format(sample(format, zone));
        }
        catch (IllegalArgumentException | DateTimeException e) {
            problems.add(pointer + "/pattern", "pattern", "'" + rule.pattern() + "' cannot format a "
                    + ("date".equals(format) ? "date" : "date-time") + " (java.time DateTimeFormatter pattern): "
                    + e.getMessage());
        }
    }

    private static TemporalAccessor sample(String format, ZoneId zone) {
        if ("date".equals(format)) {
            return LocalDate.of(2026, 11, 27);
        }
        OffsetDateTime time = OffsetDateTime.of(2026, 11, 27, 8, 15, 30, 0, ZoneOffset.UTC);
        return zone == null ? time : time.atZoneSameInstant(zone);
    }

    private ZoneId zone(String zone, String pointer) {
        try {
            return zone == null ? null : ZoneId.of(zone);
        }
        catch (DateTimeException e) {
            problems.add(pointer, "zone", "'" + zone + "' is not a time zone, e.g. \"Asia/Shanghai\" or \"+08:00\"");
            return null;
        }
    }

    private void checkNumber(FieldRule rule, JsonNode source, String pointer) {
        requireType(rule, source, List.of("number", "integer"), pointer + "/transform");
        if (rule.scale() == null && rule.pattern() == null) {
            problems.add(pointer, "required", "a number transform needs a scale (decimal places), a pattern (e.g. "
                    + "\"#,##0.00\") or both");
        }
        if (rule.scale() != null && (rule.scale() < 0 || rule.scale() > MAX_SCALE)) {
            problems.add(pointer + "/scale", "range", "scale must be between 0 and " + MAX_SCALE);
        }
        if (rule.rounding() != null && !ROUNDINGS.contains(rule.rounding())) {
            problems.add(pointer + "/rounding", "enum", "rounding '" + rule.rounding() + "' is not available; "
                    + "available: " + String.join(", ", ROUNDINGS));
        }
        if (rule.pattern() != null) {
            try {
                new DecimalFormat(rule.pattern(), DecimalFormatSymbols.getInstance(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                problems.add(pointer + "/pattern", "pattern", "'" + rule.pattern() + "' is not a DecimalFormat "
                        + "pattern such as \"#,##0.00\": " + e.getMessage());
            }
        }
    }

    private void checkConcat(FieldRule rule, List<JsonNode> sources, String pointer) {
        for (int i = 0; i < sources.size(); i++) {
            JsonNode source = sources.get(i);
            if (source != null && SCALARS.stream().noneMatch(type -> SchemaTree.declaresType(source, type))) {
                problems.add(pointer + "/sources/" + i, "type", "concat joins single values; '"
                        + rule.sources().get(i) + "' is not declared as a string, number, integer or boolean");
            }
        }
    }

    private void checkConstant(FieldRule rule, String pointer) {
        if (rule.value() == null) {
            problems.add(pointer + "/value", "required", "a constant needs a non-null value, e.g. \"370600\"");
        }
    }

    /** Settings that belong to another transform are refused rather than silently ignored. */
    private void checkApplicable(FieldRule rule, String pointer) {
        onlyWith(rule.keepPrefix(), rule, pointer + "/keepPrefix", FieldRule.MASK);
        onlyWith(rule.keepSuffix(), rule, pointer + "/keepSuffix", FieldRule.MASK);
        onlyWith(rule.pattern(), rule, pointer + "/pattern", FieldRule.DATE, FieldRule.NUMBER);
        onlyWith(rule.zone(), rule, pointer + "/zone", FieldRule.DATE);
        onlyWith(rule.scale(), rule, pointer + "/scale", FieldRule.NUMBER);
        onlyWith(rule.rounding(), rule, pointer + "/rounding", FieldRule.NUMBER);
        onlyWith(rule.separator(), rule, pointer + "/separator", FieldRule.CONCAT);
        onlyWith(rule.value(), rule, pointer + "/value", FieldRule.CONSTANT);
        if (rule.keepPrefix() != null && rule.keepPrefix() < 0) {
            problems.add(pointer + "/keepPrefix", "minimum", "must be 0 or more");
        }
        if (rule.keepSuffix() != null && rule.keepSuffix() < 0) {
            problems.add(pointer + "/keepSuffix", "minimum", "must be 0 or more");
        }
        if (rule.codeTable() != null && rule.transform() != null && !rule.masks() && !rule.is(FieldRule.HASH)) {
            problems.add(pointer + "/codeTable", "not", "a code table translates a single source value; it combines "
                    + "with mask, hash or no transform, not with " + rule.transform());
        }
    }

    private void onlyWith(Object setting, FieldRule rule, String pointer, String... transforms) {
        if (setting != null && (rule.transform() == null || !List.of(transforms).contains(rule.transform()))) {
            problems.add(pointer, "dependentRequired", "only applies with \"transform\": \""
                    + String.join("\" or \"", transforms) + "\"");
        }
    }
}
