package io.fillonce.registry.recordtype;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Knows who reads a record type's fields: the subscriptions. Implemented where subscriptions live. */
public interface MappingGuard {

    /**
     * Every way the subscriptions of {@code recordType} would break if its schema became {@code schema} and its
     * field sensitivity {@code sensitivity} (field name → level name).
     */
    List<MappingBreak> breaks(String recordType, JsonNode schema, Map<String, String> sensitivity);

    /**
     * One broken part of a subscription: {@code pointer} into the subscription (e.g. {@code /fields/xm/from}),
     * {@code target} the department field it fills (null for a filter), {@code source} the record pointer it reads.
     */
    record MappingBreak(String subscription, String department, String target, String source, String pointer,
            String rule, String message) {
    }
}
