package io.fillonce.registry.recordtype;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Body of POST /api/registry/record-types/{name}/impact: the proposed schema; {@code entityKey} defaults to the
 * current one, {@code compatibility} to the type's mode,
 * {@code sensitivity} to the current field sensitivity.
 */
record ImpactRequest(JsonNode schema, List<String> entityKey, String compatibility, Map<String, String> sensitivity) {
}
