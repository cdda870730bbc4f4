package io.fillonce.registry.subscription;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * How one target field of the department payload is filled: the source JSON Pointer {@code from} (or several
 * {@code sources} for "concat", or none for "constant"), then optionally a {@code codeTable} crosswalk and one
 * {@code transform}: "mask" ({@code keepPrefix}/{@code keepSuffix}, default 6 and 2), "hash" (per-department
 * HMAC-SHA256), "date" ({@code pattern}, optional {@code zone}), "number" ({@code scale}, {@code rounding},
 * {@code pattern}), "concat" ({@code sources}, {@code separator}), "constant" ({@code value}). {@code default} is
 * written as given when the source value is missing or null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FieldRule(String from, List<String> sources, String separator, JsonNode value, String transform,
        Integer keepPrefix, Integer keepSuffix, String codeTable, String pattern, String zone, Integer scale,
        String rounding, @JsonProperty("default") JsonNode defaultValue) {

    static final String MASK = "mask";
    static final String HASH = "hash";
    static final String DATE = "date";
    static final String NUMBER = "number";
    static final String CONCAT = "concat";
    static final String CONSTANT = "constant";
    static final List<String> TRANSFORMS = List.of(MASK, HASH, DATE, NUMBER, CONCAT, CONSTANT);
    static final int DEFAULT_KEEP_PREFIX = 6;
    static final int DEFAULT_KEEP_SUFFIX = 2;

    FieldRule {
        value = value == null || value.isNull() ? null : value;
        defaultValue = defaultValue == null || defaultValue.isNull() ? null : defaultValue;
    }

    boolean masks() {
        return MASK.equals(transform);
    }

    boolean is(String kind) {
        return kind.equals(transform);
    }

    /** Every source pointer the rule reads, each with where the request names it (e.g. /fields/dz/sources/1). */
    List<Read> reads(String rulePointer) {
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
    record Read(String from, String at) {
    }

    /** The rule as stored: masks carry their effective keepPrefix and keepSuffix. */
    FieldRule withDefaults() {
        if (!masks()) {
            return this;
        }
        return new FieldRule(from, sources, separator, value, transform,
                keepPrefix == null ? DEFAULT_KEEP_PREFIX : keepPrefix,
                keepSuffix == null ? DEFAULT_KEEP_SUFFIX : keepSuffix, codeTable, pattern, zone, scale, rounding,
                defaultValue);
    }
}
