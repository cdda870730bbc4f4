package io.fillonce.registry.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A subscription as answered over HTTP and published on fillonce.registry; {@code subjects} says whether its
 * department sees entity keys in clear or under its pseudonyms ({@link Subjects}).
 */
record SubscriptionView(String id, String department, String recordType, String purpose, String legalBasis,
        Map<String, FieldRule> fields, JsonNode filter, List<String> channels, List<String> sensitiveFields,
        Subjects subjects, Instant updatedAt) {
}
