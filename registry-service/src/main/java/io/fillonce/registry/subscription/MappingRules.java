package io.fillonce.registry.subscription;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.fillonce.fieldrules.CanonicalCodes;
import io.fillonce.fieldrules.InvalidMapping;
import io.fillonce.fieldrules.MappingParser;
import io.fillonce.fieldrules.RuleDefinition;
import io.fillonce.fieldrules.SourceSchema;
import io.fillonce.registry.recordtype.SchemaTree;
import io.fillonce.registry.system.Problems;

/**
 * Checks a subscription's {@code fields} and {@code filter} by parsing them with the field-rule language
 * (fillonce-field-rules, the parser sync-service runs them with) against the record type's schema and the registered
 * code tables; every problem the parser finds becomes one of the subscription's, with its pointer.
 */
final class MappingRules {

    private MappingRules() {
    }

    /** {@code schema} is null when the record type is unknown: sources and filter fields are then not resolved. */
    static void check(Map<String, RuleDefinition> fields, JsonNode filter, JsonNode schema, String recordType,
            CanonicalCodes codes, Problems problems) {
        SourceSchema source = schema == null ? null
                : new SourceSchema(recordType, pointer -> SchemaTree.property(schema, pointer));
        MappingParser parser = MappingParser.against(source, codes);
        try {
            parser.fields(fields);
        }
        catch (InvalidMapping e) {
            report(e, problems);
        }
        try {
            parser.filter(filter);
        }
        catch (InvalidMapping e) {
            report(e, problems);
        }
    }

    private static void report(InvalidMapping invalid, Problems problems) {
        invalid.problems().forEach(problem -> problems.add(problem.pointer(), problem.rule(), problem.message()));
    }
}
