package io.fillonce.fieldrules;

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

/**
 * Reads a rule's transform: checks that it fits its source fields (when their schemas are known) and that its
 * settings are complete and compile, and builds the {@link ValueTransform} the engine runs.
 */
final class TransformReader {

    static final int MAX_SCALE = 18;
    static final List<String> ROUNDINGS = List.of("HALF_UP", "HALF_EVEN", "HALF_DOWN", "UP", "DOWN", "CEILING",
            "FLOOR");
    private static final List<String> SCALARS = List.of("string", "number", "integer", "boolean");

    private final Found found;

    TransformReader(Found found) {
        this.found = found;
    }

    /**
     * {@code sources} are the schemas of the rule's source fields in order, null where unresolved. The transform to
     * run, or null when the rule has none (or has problems, all of them recorded).
     */
    ValueTransform read(RuleDefinition rule, List<JsonNode> sources, String pointer) {
        int before = found.count();
        String transform = rule.transform();
        if (transform != null && !RuleDefinition.TRANSFORMS.contains(transform)) {
            found.add(pointer + "/transform", "enum", "transform '" + transform + "' is not available; available: "
                    + String.join(", ", RuleDefinition.TRANSFORMS));
        }
        JsonNode source = sources.size() == 1 ? sources.get(0) : null;
        ValueTransform read = null;
        if (transform != null) {
            read = switch (transform) {
                case RuleDefinition.MASK -> mask(rule, source, pointer);
                case RuleDefinition.HASH -> hash(rule, source, pointer);
                case RuleDefinition.DATE -> date(rule, source, pointer);
                case RuleDefinition.NUMBER -> number(rule, source, pointer);
                case RuleDefinition.CONCAT -> concat(rule, sources, pointer);
                case RuleDefinition.CONSTANT -> constant(rule, pointer);
                default -> null;
            };
        }
        checkApplicable(rule, pointer);
        new DefaultCheck(found).check(rule, source, pointer + "/default");
        return found.count() > before ? null : read;
    }

    private ValueTransform mask(RuleDefinition rule, JsonNode source, String pointer) {
        requireType(rule, source, List.of("string"), pointer + "/transform");
        RuleDefinition stored = rule.withDefaults();
        return stored.keepPrefix() < 0 || stored.keepSuffix() < 0 ? null
                : new Mask(stored.keepPrefix(), stored.keepSuffix());
    }

    private ValueTransform hash(RuleDefinition rule, JsonNode source, String pointer) {
        requireType(rule, source, SCALARS, pointer + "/transform");
        return new Hash();
    }

    private void requireType(RuleDefinition rule, JsonNode source, List<String> types, String pointer) {
        if (source != null && types.stream().noneMatch(type -> SourceSchema.declares(source, type))) {
            found.add(pointer, "type", rule.transform() + " only applies to " + String.join(" or ", types)
                    + " fields; '" + rule.from() + "' is not declared as one");
        }
    }

    private ValueTransform date(RuleDefinition rule, JsonNode source, String pointer) {
        String format = source == null ? null : source.path("format").asString("");
        if (source != null && (!SourceSchema.declares(source, "string")
                || !List.of("date", "date-time").contains(format))) {
            found.add(pointer + "/transform", "type", "date only applies to strings with \"format\": \"date\" or "
                    + "\"date-time\"; '" + rule.from() + "' is not declared as one");
        }
        ZoneId zone = zone(rule.zone(), pointer + "/zone");
        if (rule.pattern() == null) {
            found.add(pointer + "/pattern", "required", "a date transform needs a pattern, e.g. \"yyyyMMdd\" or "
                    + "\"yyyy年MM月dd日\"");
            return null;
        }
        try {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(rule.pattern(), Locale.ROOT);
            formatter.format(sample(format, zone));
            return new DateFormat(rule.pattern(), formatter, zone);
        }
        catch (IllegalArgumentException | DateTimeException e) {
            found.add(pointer + "/pattern", "pattern", "'" + rule.pattern() + "' cannot format a "
                    + ("date".equals(format) ? "date" : "date-time") + " (java.time DateTimeFormatter pattern): "
                    + e.getMessage());
            return null;
        }
    }

    /** A date of the source's format to try the pattern on; a date-time (with the zone) when it is not known. */
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
            found.add(pointer, "zone", "'" + zone + "' is not a time zone, e.g. \"Asia/Shanghai\" or \"+08:00\"");
            return null;
        }
    }

    private ValueTransform number(RuleDefinition rule, JsonNode source, String pointer) {
        int before = found.count();
        requireType(rule, source, List.of("number", "integer"), pointer + "/transform");
        if (rule.scale() == null && rule.pattern() == null) {
            found.add(pointer, "required", "a number transform needs a scale (decimal places), a pattern (e.g. "
                    + "\"#,##0.00\") or both");
        }
        if (rule.scale() != null && (rule.scale() < 0 || rule.scale() > MAX_SCALE)) {
            found.add(pointer + "/scale", "range", "scale must be between 0 and " + MAX_SCALE);
        }
        if (rule.rounding() != null && !ROUNDINGS.contains(rule.rounding())) {
            found.add(pointer + "/rounding", "enum", "rounding '" + rule.rounding() + "' is not available; "
                    + "available: " + String.join(", ", ROUNDINGS));
        }
        if (rule.pattern() != null) {
            try {
                new DecimalFormat(rule.pattern(), DecimalFormatSymbols.getInstance(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                found.add(pointer + "/pattern", "pattern", "'" + rule.pattern() + "' is not a DecimalFormat "
                        + "pattern such as \"#,##0.00\": " + e.getMessage());
            }
        }
        if (found.count() > before) {
            return null;
        }
        RoundingMode rounding = rule.rounding() == null ? RoundingMode.HALF_UP : RoundingMode.valueOf(rule.rounding());
        return new NumberFormat(rule.scale(), rounding, rule.pattern());
    }

    /** A concat is a source ({@link Source.Concat}), not a transform: only its sources' types are checked here. */
    private ValueTransform concat(RuleDefinition rule, List<JsonNode> sources, String pointer) {
        for (int i = 0; i < sources.size(); i++) {
            JsonNode source = sources.get(i);
            if (source != null && SCALARS.stream().noneMatch(type -> SourceSchema.declares(source, type))) {
                found.add(pointer + "/sources/" + i, "type", "concat joins single values; '"
                        + rule.sources().get(i) + "' is not declared as a string, number, integer or boolean");
            }
        }
        return null;
    }

    /** A constant is a source ({@link Source.Constant}), not a transform. */
    private ValueTransform constant(RuleDefinition rule, String pointer) {
        if (rule.value() == null) {
            found.add(pointer + "/value", "required", "a constant needs a non-null value, e.g. \"370600\"");
        }
        return null;
    }

    /** Settings that belong to another transform are refused rather than silently ignored. */
    private void checkApplicable(RuleDefinition rule, String pointer) {
        onlyWith(rule.keepPrefix(), rule, pointer + "/keepPrefix", RuleDefinition.MASK);
        onlyWith(rule.keepSuffix(), rule, pointer + "/keepSuffix", RuleDefinition.MASK);
        onlyWith(rule.pattern(), rule, pointer + "/pattern", RuleDefinition.DATE, RuleDefinition.NUMBER);
        onlyWith(rule.zone(), rule, pointer + "/zone", RuleDefinition.DATE);
        onlyWith(rule.scale(), rule, pointer + "/scale", RuleDefinition.NUMBER);
        onlyWith(rule.rounding(), rule, pointer + "/rounding", RuleDefinition.NUMBER);
        onlyWith(rule.separator(), rule, pointer + "/separator", RuleDefinition.CONCAT);
        onlyWith(rule.value(), rule, pointer + "/value", RuleDefinition.CONSTANT);
        if (rule.keepPrefix() != null && rule.keepPrefix() < 0) {
            found.add(pointer + "/keepPrefix", "minimum", "must be 0 or more");
        }
        if (rule.keepSuffix() != null && rule.keepSuffix() < 0) {
            found.add(pointer + "/keepSuffix", "minimum", "must be 0 or more");
        }
        if (rule.codeTable() != null && rule.transform() != null && !rule.masks() && !rule.is(RuleDefinition.HASH)) {
            found.add(pointer + "/codeTable", "not", "a code table translates a single source value; it combines "
                    + "with mask, hash or no transform, not with " + rule.transform());
        }
    }

    private void onlyWith(Object setting, RuleDefinition rule, String pointer, String... transforms) {
        if (setting != null && (rule.transform() == null || !List.of(transforms).contains(rule.transform()))) {
            found.add(pointer, "dependentRequired", "only applies with \"transform\": \""
                    + String.join("\" or \"", transforms) + "\"");
        }
    }
}
