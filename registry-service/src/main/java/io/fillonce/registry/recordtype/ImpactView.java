package io.fillonce.registry.recordtype;

import java.util.List;

import tools.jackson.databind.JsonNode;

import io.fillonce.registry.recordtype.MappingGuard.MappingBreak;
import io.fillonce.web.FieldProblem;

/**
 * What a proposed change would do: {@code compatible} under {@code compatibility} (with each incompatibility at
 * its record pointer), the subscription fields it would {@code breaks}, and whether a PUT of it would be accepted
 * ({@code safe}). {@code proposedSchema} is the schema that was judged.
 */
record ImpactView(String recordType, int currentVersion, Compatibility compatibility, boolean compatible,
        List<FieldProblem> incompatibilities, List<MappingBreak> breaks, boolean safe, List<String> entityKey,
        JsonNode proposedSchema) {
}
