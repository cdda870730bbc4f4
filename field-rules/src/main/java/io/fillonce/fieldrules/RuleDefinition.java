package io.fillonce.fieldrules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One field rule as written (a subscription's {@code fields} value, as the registry stores and publishes it): the
 * source JSON Pointer {@code from} (or several {@code sources} for "concat", or none for "constant"), then
 * optionally a {@code codeTable} crosswalk and one {@code transform}: "mask" ({@code keepPrefix}/{@code keepSuffix},
 * default 6 and 2), "hash" (per-department HMAC-SHA256), "date" ({@code pattern}, optional {@code zone}), "number"
 * ({@code scale}, {@code rounding}, {@code pattern}), "concat" ({@code sources}, {@code separator}), "constant"
 * ({@code value}). {@code default} is written as given when the source value is missing or null.
 * {@link MappingParser} turns a mapping of these into a runnable {@link FieldMapping}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleDefinition(String from, List<String> sources, String separator, JsonNode value, String transform,
        Integer keepPrefix, Integer keepSuffix, String codeTable, String pattern, String zone, Integer scale,
        String rounding, @JsonProperty("default") JsonNode defaultValue) {

    public static final String MASK = "mask";
    public static final String HASH = "hash";
    public static final String DATE = "date";
    public static final String NUMBER = "number";
    public static final String CONCAT = "concat";
    public static final String CONSTANT = "constant";
    public static final List<String> TRANSFORMS = List.of(MASK, HASH, DATE, NUMBER, CONCAT, CONSTANT);

    /** Unknown rule properties are refused: a misspelt setting must not be silently ignored. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public RuleDefinition {
        value = value == null || value.isNull() ? null : value;
        defaultValue = defaultValue == null || defaultValue.isNull() ? null : defaultValue;
    }

    /**
     * Reads a {@code fields} object in its JSON form, target by target and in order; a rule that is not an object
     * of known rule properties is a problem of its target. A JSON null rule is kept as null (the parser reports it).
     */
    public static Map<String, RuleDefinition> readAll(JsonNode fields) {
        if (fields == null || !fields.isObject()) {
            throw new InvalidMapping(List.of(new RuleProblem("/fields", "type", "fields must be an object mapping "
                    + "target fields to rules, e.g. {\"xm\": {\"from\": \"/name\"}}")));
        }
        Map<String, RuleDefinition> rules = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        fields.properties().forEach(field -> {
            try {
                rules.put(field.getKey(), field.getValue().isNull() ? null
                        : STRICT.treeToValue(field.getValue(), RuleDefinition.class));
            }
            catch (JacksonException e) {
                problems.add(new RuleProblem(Pointers.child("/fields", field.getKey()), "type", "a field rule is an "
                        + "object of known rule properties such as {\"from\": \"/name\"}: " + e.getOriginalMessage()));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidMapping(problems);
        }
        return rules;
    }

    public boolean masks() {
        return MASK.equals(transform);
    }

    public boolean is(String kind) {
        return kind.equals(transform);
    }

    /** Every source pointer the rule reads, each with where the request names it (e.g. /fields/dz/sources/1). */
    public List<Read> reads(String rulePointer) {
        List<Read> all = new ArrayList<>();
        if (from != null) {
            all.add(new Read(from, rulePointer + "/from"));
        }
        if (sources != null) {
            for (int i = 0; i < sources.size(); i++) {
                all.add(new Read(sources.get(i), rulePointer + "/sources/" + i));
            }
        }
        return all;
    }

    /** One source pointer ({@code from}, null when not given) and the request pointer {@code at} naming it. */
    public record Read(String from, String at) {
    }

    /** The rule as stored: masks carry their effective keepPrefix and keepSuffix. */
    public RuleDefinition withDefaults() {
        if (!masks()) {
            return this;
        }
        return new RuleDefinition(from, sources, separator, value, transform,
                keepPrefix == null ? Mask.DEFAULT_PREFIX : keepPrefix,
                keepSuffix == null ? Mask.DEFAULT_SUFFIX : keepSuffix, codeTable, pattern, zone, scale, rounding,
                defaultValue);
    }
}
