package io.fillonce.registry.recordtype;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Body of POST /api/registry/record-types and PUT /api/registry/record-types/{name} (where {@code name} may be
 * left out). {@code compatibility} is BACKWARD (default), FORWARD, FULL or NONE
 * (see {@link Compatibility}); on PUT it governs that very change and stays the type's mode.
 * {@code sensitivity} maps top-level field names to PUBLIC, INTERNAL, PERSONAL or SENSITIVE. {@code regionField}
 * names the required top-level string field that carries an entity's region code: a cadre reads, corrects and
 * submits only entities whose region starts with the cadre's own; {@code crossRegionCorrection} true lets cadres
 * read and correct entities of any region of this type (where the law allows it), submitting stays regional.
 */
record RecordTypeRequest(String name, String title, List<String> entityKey, JsonNode schema,
        Map<String, String> sensitivity, String compatibility, String regionField, Boolean crossRegionCorrection) {
}
