package io.fillonce.intake.registry;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import tools.jackson.databind.JsonNode;

/**
 * How intake compiles a record type's JSON Schema: Draft 2020-12 with {@code format} asserted. The draft makes
 * {@code format} an annotation by default, so {@code "birthDate": "CANARY-7f3a"} passed a {@code "format": "date"}
 * field and then failed in the departments' mappings; a declared format is a rule here, refused with a 422.
 * <p>
 * {@code x-l10n} (a schema's or property's titles and descriptions in other languages, e.g.
 * {@code "x-l10n": {"zh-CN": {"title": "姓名"}}}) is an annotation of the dialect: it never refuses a record, and
 * is not logged as an unknown keyword for every schema compiled.
 */
public final class RecordSchemas {

    /** Draft 2020-12 with {@code x-l10n} as an annotation, under the draft's own id (what {@code $schema} names). */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012())
            .keyword(new AnnotationKeyword("x-l10n")).build();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(DIALECT,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));

    private RecordSchemas() {
    }

    public static Schema compile(JsonNode schema) {
        return REGISTRY.getSchema(schema);
    }
}
