package io.fillonce.sync.preview;

import tools.jackson.databind.JsonNode;

/**
 * What a department would receive for a sample record: {@code included} says whether the subscription's filter
 * lets the record through (if not, {@code reason} says which filter excludes it); {@code payload} is the mapped
 * department view, or null when excluded or unmappable (then {@code reason} says why).
 */
record Preview(String subscription, String department, String recordType, boolean included, String reason,
        JsonNode payload) {
}
