package io.fillonce.registry.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How one target field of the department payload is filled: the source JSON Pointer into the record, then
 * optionally {@code transform} "mask" (keeping {@code keepPrefix}/{@code keepSuffix} characters, default 6 and
 * 2) or a {@code codeTable} crosswalk.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FieldRule(String from, String transform, Integer keepPrefix, Integer keepSuffix, String codeTable) {

    static final String MASK = "mask";
    static final int DEFAULT_KEEP_PREFIX = 6;
    static final int DEFAULT_KEEP_SUFFIX = 2;

    boolean masks() {
        return MASK.equals(transform);
    }

    /** The rule as stored: masks carry their effective keepPrefix and keepSuffix. */
    FieldRule withDefaults() {
        if (!masks()) {
            return this;
        }
        return new FieldRule(from, transform, keepPrefix == null ? DEFAULT_KEEP_PREFIX : keepPrefix,
                keepSuffix == null ? DEFAULT_KEEP_SUFFIX : keepSuffix, codeTable);
    }
}
