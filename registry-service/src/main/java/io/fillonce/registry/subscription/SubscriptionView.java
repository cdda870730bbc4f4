package io.fillonce.registry.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.fillonce.fieldrules.RuleDefinition;

/**
 * A subscription as answered over HTTP and published on fillonce.registry; {@code subjects} says whether its
 * department sees entity keys in clear or under its pseudonyms ({@link Subjects}); {@code version} grows with each
 * change of what it shares, and names the version on every message; {@code status} where it is in
 * its life ({@code statusSince}: since when, absent while it never changed) and {@code steps} every step of it;
 * {@code resyncVersion}: the version whose change asked for the department's current state to be sent again.
 */
record SubscriptionView(String id, int version, String department, String recordType, String purpose,
        String legalBasis,
        Map<String, RuleDefinition> fields, JsonNode filter, List<String> channels, List<String> sensitiveFields,
        Subjects subjects, SubscriptionStatus status, Instant statusSince, List<LifecycleStep> steps,
        Integer resyncVersion, Instant updatedAt) {
}
