package io.fillonce.intake.registry;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * How intake compiles a record type's JSON Schema: Draft 2020-12 with {@code format} asserted. The draft makes
 * {@code format} an annotation by default, so {@code "birthDate": "CANARY-7f3a"} passed a {@code "format": "date"}
 * field and then failed in the departments' mappings; a declared format is a rule here, refused with a 422.
 */
public final class RecordSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));

    private RecordSchemas() {
    }

    public static Schema compile(JsonNode schema) {
        return REGISTRY.getSchema(schema);
    }
}
