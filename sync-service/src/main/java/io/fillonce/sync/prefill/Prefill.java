package io.fillonce.sync.prefill;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What a department may already know about one entity: its current version and event id, and for each of the
 * department's subscriptions to the type whose filter includes the entity, the entity mapped through it (only
 * the mapped fields) with the subscription's purpose and legal basis, and the {@code subject} the department's
 * messages of that subscription name the entity by (its pseudonym unless the subscription discloses the key), so
 * what it prefilled and what it receives can be matched.
 */
record Prefill(String department, String type, String entityKey, long version, String eventId,
        List<View> subscriptions) {

    /** The entity as one subscription maps it. */
    record View(String subscription, String subject, String purpose, String legalBasis, JsonNode data) {
    }
}
