package io.fillonce.registry.subscription;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.fillonce.fieldrules.RuleDefinition;

/**
 * Body of POST /api/registry/sharing-requests: what a department asks to receive, as in a subscription, for its
 * own department. {@code subscription}: the id of its subscription to change (absent: a new subscription);
 * {@code resync}: on a change, whether the current state is sent again under the new mapping once approved.
 */
record SharingRequestBody(String subscription, String recordType, String purpose, String legalBasis,
        Map<String, RuleDefinition> fields, JsonNode filter, List<String> channels, List<String> sensitiveFields,
        Boolean resync) {

    SubscriptionRequest forDepartment(String department) {
        return new SubscriptionRequest(department, recordType, purpose, legalBasis, fields, filter, channels,
                sensitiveFields);
    }
}
