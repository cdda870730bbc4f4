package io.fillonce.registry.recordtype;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.fillonce.registry.system.JsonText;
import io.fillonce.registry.system.Pages;
import io.fillonce.registry.system.Problems;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

/**
 * The data items a department may ask for: every record type's current version with its fields' titles,
 * descriptions, types and sensitivity, read from the type's JSON Schema (nested objects field by field). Open to
 * departments, so it carries schema only, never data.
 */
@Service
class DataCatalogue {

    private static final int MAX_DEPTH = 8;

    private final MongoTemplate mongo;
    private final RecordTypeMapper mapper;
    private final JsonText jsonText;

    DataCatalogue(MongoTemplate mongo, RecordTypeMapper mapper, JsonText jsonText) {
        this.mongo = mongo;
        this.mapper = mapper;
        this.jsonText = jsonText;
    }

    Page<CatalogueEntry> list(String namePrefix, Paging paging) {
        return Pages.find(paging, mongo, Pages.withPrefix(new Query(), "_id", namePrefix), RecordTypeDocument.class,
                this::entry);
    }

    private CatalogueEntry entry(RecordTypeDocument document) {
        RecordTypeDocument.Version current = document.current();
        JsonNode schema = jsonText.read(current.schema());
        Map<String, Sensitivity> levels = mapper.toSensitivityMap(current.sensitivity());
        List<CatalogueEntry.Field> fields = new ArrayList<>();
        addFields(schema, SchemaTree.resolve(schema, schema), "", null, levels, fields, 0);
        return new CatalogueEntry(document.getId(), current.title(), current.version(), document.getOwner(),
                current.entityKey(), current.regionField(), fields);
    }

    private static void addFields(JsonNode root, JsonNode object, String at, Sensitivity inherited,
            Map<String, Sensitivity> levels, List<CatalogueEntry.Field> fields, int depth) {
        Set<String> required = new HashSet<>();
        object.path("required").values().forEach(name -> required.add(name.asString("")));
        for (Map.Entry<String, JsonNode> property : object.path("properties").properties()) {
            String pointer = Problems.child(at, property.getKey());
            JsonNode field = SchemaTree.resolve(root, property.getValue());
            Sensitivity level = inherited != null ? inherited : levels.get(property.getKey());
            List<String> values = field.path("enum").valueStream().map(value -> value.asString(value.toString()))
                    .toList();
            fields.add(new CatalogueEntry.Field(pointer, text(field, "title"), text(field, "description"),
                    typeOf(field), text(field, "format"), required.contains(property.getKey()),
                    level == null ? null : level.name(), values.isEmpty() ? null : values));
            if (depth < MAX_DEPTH && field.path("properties").isObject()) {
                addFields(root, field, pointer, level, levels, fields, depth + 1);
            }
        }
    }

    private static String typeOf(JsonNode field) {
        JsonNode type = field.path("type");
        if (type.isString()) {
            return type.stringValue();
        }
        List<String> types = type.valueStream().map(each -> each.asString("")).filter(each -> !each.isEmpty())
                .toList();
        return types.isEmpty() ? null : String.join("|", types);
    }

    private static String text(JsonNode field, String name) {
        JsonNode value = field.get(name);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
