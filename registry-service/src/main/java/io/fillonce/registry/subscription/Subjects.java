package io.fillonce.registry.subscription;

import java.util.List;
import java.util.Map;

import io.fillonce.fieldrules.RuleDefinition;

/**
 * How a subscription's department sees the entities it receives, in message keys, {@code ce_subject}, the webhook's
 * {@code fillonce-subject} header and feed items: under the entity key in {@code CLEAR}, or under a stable
 * {@code PSEUDONYM} of its own (a keyed hash only sync-service can compute; two departments' pseudonyms of one
 * entity cannot be linked). The key is in clear only when the subscription discloses it anyway: it maps every
 * entity-key field unchanged (a plain copy, no transform or code table) and names each in {@code sensitiveFields},
 * so its legal basis explicitly covers the key.
 */
enum Subjects {
    CLEAR, PSEUDONYM;

    static Subjects of(Map<String, RuleDefinition> fields, List<String> entityKey, List<String> sensitiveFields) {
        if (fields == null || entityKey == null || entityKey.isEmpty()) {
            return PSEUDONYM;
        }
        List<String> listed = sensitiveFields == null ? List.of() : sensitiveFields;
        boolean disclosed = entityKey.stream().allMatch(field -> copiesInClear(fields, "/" + field)
                && (listed.contains(field) || listed.contains("/" + field)));
        return disclosed ? CLEAR : PSEUDONYM;
    }

    private static boolean copiesInClear(Map<String, RuleDefinition> fields, String pointer) {
        return fields.values().stream().anyMatch(rule -> rule != null && pointer.equals(rule.from())
                && rule.transform() == null && rule.codeTable() == null);
    }
}
