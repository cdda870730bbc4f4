package io.fillonce.registry.subscription;

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
}
