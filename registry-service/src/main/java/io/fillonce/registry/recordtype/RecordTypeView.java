package io.fillonce.registry.recordtype;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One version of a record type, as answered over HTTP and published (current version) on fillonce.registry;
 * {@code owner}: the department that approves requests for its data (null: the administrators).
 */
record RecordTypeView(String name, String title, int version, Compatibility compatibility, String owner,
        List<String> entityKey, JsonNode schema, Map<String, Sensitivity> sensitivity, String regionField,
        boolean crossRegionCorrection, Instant createdAt) {
}
