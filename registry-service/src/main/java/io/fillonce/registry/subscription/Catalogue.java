package io.fillonce.registry.subscription;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** What subscription rules look up in the rest of the registry. */
interface Catalogue {

    boolean hasDepartment(String code);

    /** The current JSON Schema of a record type, if it exists. */
    Optional<JsonNode> schemaOf(String recordType);

    /** The canonical codes a code table maps, if it exists. */
    Optional<Set<String>> codesOf(String codeTable);

    /** Whether the department has a webhook that is switched on. */
    boolean hasActiveWebhook(String department);

    /** Top-level field name → sensitivity level (PUBLIC, INTERNAL, PERSONAL, SENSITIVE) of the current version. */
    Map<String, String> sensitivityOf(String recordType);
}
