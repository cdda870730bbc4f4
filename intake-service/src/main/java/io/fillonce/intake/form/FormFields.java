package io.fillonce.intake.form;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A record type's schema laid out as spreadsheet columns, in the schema's property order: one {@link FormField} per
 * scalar leaf, nested objects flattened. Arrays (of objects or of values) are not spreadsheet-shaped: they get no
 * column and are listed in {@link #leftOut()}, so the template's help sheet can say that they are submitted through
 * the API or the workspace instead. Only properties declared inline are laid out: {@code $ref}, {@code allOf},
 * {@code oneOf} and {@code anyOf} are not followed (no record type of the catalogue uses them).
 */
public final class FormFields {

    /** The annotation carrying a schema's titles and descriptions in other languages. */
    public static final String L10N = "x-l10n";

    public static final String ZH = "zh-CN";

    private final List<FormField> fields = new ArrayList<>();

    private final List<String> leftOut = new ArrayList<>();

    private FormFields(JsonNode schema) {
        collect(schema, "", true);
    }

    public static FormFields of(JsonNode schema) {
        return new FormFields(schema);
    }

    public List<FormField> fields() {
        return List.copyOf(fields);
    }

    /** JSON Pointers of the array properties that have no column. */
    public List<String> leftOut() {
        return List.copyOf(leftOut);
    }

    public Optional<FormField> field(String pointer) {
        return fields.stream().filter(field -> field.pointer().equals(pointer)).findFirst();
    }

    /** A (sub)schema's text in {@code x-l10n[lang]}, e.g. its zh-CN {@code title}; null when absent. */
    public static String localized(JsonNode schema, String lang, String name) {
        JsonNode text = schema.path(L10N).path(lang).path(name);
        return text.isString() && !text.asString().isBlank() ? text.asString() : null;
    }

    public static String text(JsonNode schema, String name) {
        JsonNode text = schema.path(name);
        return text.isString() && !text.asString().isBlank() ? text.asString() : null;
    }

    private void collect(JsonNode schema, String prefix, boolean required) {
        Set<String> requiredNames = new HashSet<>();
        schema.path("required").forEach(name -> requiredNames.add(name.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String pointer = prefix + "/" + property.getKey().replace("~", "~0").replace("/", "~1");
            JsonNode field = property.getValue();
            boolean fieldRequired = required && requiredNames.contains(property.getKey());
            String type = type(field);
            if ("object".equals(type)) {
                collect(field, pointer, fieldRequired);
            }
            else if ("array".equals(type)) {
                leftOut.add(pointer);
            }
            else {
                List<String> options = new ArrayList<>();
                field.path("enum").forEach(option -> options.add(option.asString()));
                fields.add(new FormField(pointer, type, text(field, "format"), options, fieldRequired,
                        text(field, "title"), localized(field, ZH, "title"), field));
            }
        }
    }

    /** The declared type (the first but {@code null} of a list); {@code object} for a schema with properties. */
    private static String type(JsonNode field) {
        JsonNode type = field.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asString())) {
                    return option.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return field.has("properties") ? "object" : field.has("items") ? "array" : "string";
    }
}
