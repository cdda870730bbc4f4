package io.fillonce.registry.subscription;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.fillonce.fieldrules.RuleDefinition;

/**
 * Body of POST /api/registry/subscriptions. {@code fields} maps target names (a plain name, or a JSON Pointer
 * such as {@code /jzxx/dz} for a nested target) to rules; {@code filter} is optional: a leaf
 * {@code {"field": "/regionCode", "startsWith": "3706"}} (or equals, in, exists) or {@code {"all": [...]}} /
 * {@code {"any": [...]}}. {@code channels}: topic, feed, webhook (webhook only for a department with an active
 * webhook). {@code sensitiveFields}: every SENSITIVE source field the mapping reads (as its pointer, e.g.
 * {@code /idNumber}, or its field name), naming them as covered by {@code legalBasis}.
 */
record SubscriptionRequest(String department, String recordType, String purpose, String legalBasis,
        Map<String, RuleDefinition> fields, JsonNode filter, List<String> channels, List<String> sensitiveFields) {
}
