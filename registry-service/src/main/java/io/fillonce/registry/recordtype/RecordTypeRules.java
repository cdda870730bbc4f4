package io.fillonce.registry.recordtype;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;

/** What a record type must satisfy before it is registered or given a new version. */
@Component
class RecordTypeRules {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    private static final Set<String> LEVELS = Set.of(Arrays.stream(Sensitivity.values()).map(Enum::name)
            .toArray(String[]::new));

    /** The 2020-12 meta-schema, bundled with the validator (no network). */
    private final Schema metaSchema = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12, registry -> registry.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()))
            .getSchema(SchemaLocation.of(DIALECT));

    /** Every problem of {@code request}; {@code name} is the type's name on PUT, null on POST. */
    List<FieldProblem> check(RecordTypeRequest request, String name) {
        Problems problems = new Problems();
        checkName(request.name(), name, problems);
        if (!Problems.hasText(request.title())) {
            problems.add("/title", "required", "title is required, e.g. \"Resident basic information\"");
        }
        checkSchema(request.schema(), problems);
        checkEntityKey(request.entityKey(), request.schema(), problems);
        checkSensitivity(request.sensitivity(), request.schema(), problems);
        checkRegion(request.regionField(), request.crossRegionCorrection(), request.schema(), problems);
        if (request.compatibility() != null && Arrays.stream(Compatibility.values())
                .noneMatch(mode -> mode.name().equals(request.compatibility()))) {
            problems.add("/compatibility", "enum", "compatibility must be one of "
                    + Arrays.toString(Compatibility.values()) + " (default BACKWARD)");
        }
        return problems.list();
    }

    private void checkName(String given, String name, Problems problems) {
        if (name != null) {
            if (given != null && !given.equals(name)) {
                problems.add("/name", "const", "name must be '" + name + "' (the name in the path) or left out");
            }
            return;
        }
        if (given == null) {
            problems.add("/name", "required", "name is required, e.g. \"resident\"");
        }
        else if (!NAME.matcher(given).matches()) {
            problems.add("/name", "pattern", "name must match " + NAME.pattern()
                    + " (lower-case letters, digits and '-', starting with a letter)");
        }
    }

    private void checkSchema(JsonNode schema, Problems problems) {
        if (schema == null || schema.isNull()) {
            problems.add("/schema", "required", "schema is required: a JSON Schema 2020-12 of type object");
            return;
        }
        if (!schema.isObject()) {
            problems.add("/schema", "type", "schema must be a JSON object (a JSON Schema 2020-12 of type object)");
            return;
        }
        JsonNode dialect = schema.path("$schema");
        if (!dialect.isMissingNode() && !(dialect.isString() && dialect.stringValue().equals(DIALECT))) {
            problems.add("/schema/$schema", "dialect", "only JSON Schema 2020-12 is supported: \"$schema\" must be \""
                    + DIALECT + "\" or left out");
        }
        metaSchema.validate(schema).forEach(error -> problems.add("/schema" + error.getInstanceLocation(),
                error.getKeyword(), error.getMessage()));
        if (!schema.path("type").isString() || !schema.path("type").stringValue().equals("object")) {
            problems.add("/schema/type", "const", "a record type's schema must have \"type\": \"object\"");
        }
    }

    private void checkEntityKey(List<String> entityKey, JsonNode schema, Problems problems) {
        if (entityKey == null || entityKey.isEmpty()) {
            problems.add("/entityKey", "minItems", "entityKey must name at least one field, e.g. [\"idNumber\"]");
            return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> required = new HashSet<>();
        if (schema != null) {
            schema.path("required").values().forEach(field -> required.add(field.asString()));
        }
        for (int i = 0; i < entityKey.size(); i++) {
            checkKeyField(entityKey.get(i), Problems.child("/entityKey", i), schema, required, seen, problems);
        }
    }

    private void checkKeyField(String field, String pointer, JsonNode schema, Set<String> required,
            Set<String> seen, Problems problems) {
        if (!Problems.hasText(field)) {
            problems.add(pointer, "required", "an entity key field name must not be blank");
            return;
        }
        if (!seen.add(field)) {
            problems.add(pointer, "uniqueItems", "'" + field + "' is listed twice in entityKey");
        }
        JsonNode property = declared(schema, field);
        if (property == null) {
            problems.add(pointer, "declared", "entity key field '" + field + "' is not a property of the schema");
            return;
        }
        if (!required.contains(field)) {
            problems.add(pointer, "required", "entity key field '" + field + "' must be listed in the schema's "
                    + "\"required\"");
        }
        if (!SchemaTree.declaresType(property, "string") && !SchemaTree.declaresType(property, "integer")) {
            problems.add(pointer, "type", "entity key field '" + field + "' must have \"type\" string or integer");
        }
    }

    private void checkSensitivity(Map<String, String> sensitivity, JsonNode schema, Problems problems) {
        if (sensitivity == null) {
            return;
        }
        sensitivity.forEach((field, level) -> {
            String pointer = Problems.child("/sensitivity", field);
            if (declared(schema, field) == null) {
                problems.add(pointer, "declared", "'" + field + "' is not a property of the schema");
            }
            if (level == null || !LEVELS.contains(level)) {
                problems.add(pointer, "enum", "sensitivity must be one of " + Arrays.toString(Sensitivity.values()));
            }
        });
    }

    private void checkRegion(String field, Boolean crossRegion, JsonNode schema, Problems problems) {
        if (field == null) {
            if (Boolean.TRUE.equals(crossRegion)) {
                problems.add("/crossRegionCorrection", "dependentRequired",
                        "crossRegionCorrection needs a regionField: without one the type is not regional");
            }
            return;
        }
        JsonNode property = declared(schema, field);
        if (property == null) {
            problems.add("/regionField", "declared", "region field '" + field + "' is not a property of the schema");
            return;
        }
        boolean required = schema.path("required").valueStream().anyMatch(name -> field.equals(name.asString()));
        if (!required) {
            problems.add("/regionField", "required", "region field '" + field + "' must be listed in the schema's "
                    + "\"required\": a record without a region would belong to no cadre's region");
        }
        if (!SchemaTree.declaresType(property, "string")) {
            problems.add("/regionField", "type", "region field '" + field + "' must have \"type\": \"string\"");
        }
    }

    private static JsonNode declared(JsonNode schema, String field) {
        return SchemaTree.property(schema, Problems.child("", field)).orElse(null);
    }
}
