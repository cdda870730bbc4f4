package io.fillonce.sync.kit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.fillonce.fieldrules.CodeTable;
import io.fillonce.fieldrules.CodeTables;
import io.fillonce.fieldrules.DateFormat;
import io.fillonce.fieldrules.FieldMapping;
import io.fillonce.fieldrules.FieldRule;
import io.fillonce.fieldrules.Hash;
import io.fillonce.fieldrules.Mask;
import io.fillonce.fieldrules.NumberFormat;
import io.fillonce.fieldrules.Source;
import io.fillonce.fieldrules.ValueTransform;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (2020-12) of exactly the payload a subscription delivers, derived from the mapping engine's own
 * parsed rules ({@link FieldMapping#rules()}) and the record type's JSON Schema, never from a second reading of the
 * rule language. Every target is a property (a {@code /a/b} target nested objects); every object says
 * {@code "additionalProperties": false}, so a field the subscription does not map fails validation. A target is
 * {@code required} when the mapping always writes it: its source is required all the way down (a record whose
 * required code is missing from the code table is not delivered at all), it has a default, or it is a constant.
 * <p>
 * What a rule does to its value decides the property: a copy keeps the source property's schema (type, enum,
 * pattern, format, bounds, its title, description and {@code x-l10n}); a code table gives an enum of the table's
 * department codes (those of the source's enum when it has one); a date pattern a string with a regular expression
 * derived from the pattern; a mask a string of the source's length whose hidden characters are {@code *}; a hash 64
 * lower-case hex digits; a concatenation a string; a number transform a number (or, with a pattern, a string); a
 * constant its value. A default joins the enum, or the schema accepts it beside the transformed value.
 * {@code $comment} says in words what the rule does.
 */
final class PayloadSchemas {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> ANNOTATIONS = List.of("title", "description", "x-l10n");

    private PayloadSchemas() {
    }

    /** The payload schema of {@code mapping} over records valid against {@code source}. */
    static ObjectNode of(FieldMapping mapping, JsonNode source, CodeTables codeTables) {
        ObjectNode root = objectSchema();
        root.put("$schema", DIALECT);
        mapping.rules().forEach((path, rule) -> {
            List<ObjectNode> objects = new ArrayList<>(List.of(root));
            for (String name : path.subList(0, path.size() - 1)) {
                ObjectNode properties = (ObjectNode) objects.get(objects.size() - 1).get("properties");
                ObjectNode nested = properties.has(name) ? (ObjectNode) properties.get(name) : objectSchema();
                properties.set(name, nested);
                objects.add(nested);
            }
            String target = path.get(path.size() - 1);
            objects.get(objects.size() - 1).withObjectProperty("properties").set(target,
                    property(rule, source, codeTables));
            if (alwaysPresent(rule, source)) {
                // the engine creates a nested target's parents when it writes the target
                for (int i = 0; i < path.size(); i++) {
                    require(objects.get(i), path.get(i));
                }
            }
        });
        return root;
    }

    private static void require(ObjectNode object, String name) {
        ArrayNode required = (ArrayNode) object.get("required");
        if (required.valueStream().noneMatch(value -> value.asString().equals(name))) {
            required.add(name);
        }
    }

    private static ObjectNode objectSchema() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.set("properties", NODES.objectNode());
        schema.set("required", NODES.arrayNode());
        schema.put("additionalProperties", false);
        return schema;
    }

    private static boolean alwaysPresent(FieldRule rule, JsonNode source) {
        if (rule.fallback() != null) {
            return true;
        }
        if (rule.source() instanceof Source.Field field) {
            return SourceSchemas.requiredAlong(source, field.from());
        }
        if (rule.source() instanceof Source.Concat concat) {
            return concat.sources().stream().anyMatch(from -> SourceSchemas.requiredAlong(source, from));
        }
        return true; // a constant

    }

    private static ObjectNode property(FieldRule rule, JsonNode source, CodeTables codeTables) {
        ObjectNode schema;
        if (rule.source() instanceof Source.Field field) {
            schema = field(rule, field.from(), source, codeTables);
        }
        else if (rule.source() instanceof Source.Concat concat) {
            schema = concat(concat, source);
        }
        else {
            schema = constant(((Source.Constant) rule.source()).value());
        }
        return rule.fallback() == null ? schema : withDefault(schema, rule.fallback());
    }

    private static ObjectNode constant(JsonNode value) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", jsonType(value));
        schema.set("const", value.deepCopy());
        schema.put("$comment", "always " + value);
        return schema;
    }

    private static ObjectNode concat(Source.Concat concat, JsonNode source) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "string");
        List<String> from = concat.sources().stream().map(JsonPointer::toString).toList();
        schema.put("$comment", "the present values of " + String.join(", ", from) + " joined with '"
                + concat.separator() + "'");
        SourceSchemas.at(source, concat.sources().get(0)).ifPresent(first -> annotate(schema, first));
        return schema;
    }

    private static ObjectNode field(FieldRule rule, JsonPointer from, JsonNode source, CodeTables codeTables) {
        JsonNode declared = SourceSchemas.at(source, from).orElse(null);
        ObjectNode schema;
        if (rule.codeTable() != null) {
            schema = coded(rule.codeTable(), from, declared, codeTables);
        }
        else if (declared != null) {
            schema = (ObjectNode) declared.deepCopy();
            schema.remove("examples");
            schema.remove("default");
            schema.put("$comment", "copied from " + from);
        }
        else {
            schema = NODES.objectNode();
            schema.put("$comment", "copied from " + from + ", which the record type's schema does not declare");
        }
        ValueTransform transform = rule.transform();
        if (transform == null) {
            return schema;
        }
        ObjectNode transformed = transformed(transform, from, declared);
        if (declared != null) {
            annotate(transformed, declared);
        }
        return transformed;
    }

    private static ObjectNode coded(String table, JsonPointer from, JsonNode declared, CodeTables codeTables) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "string");
        CodeTable codes = codeTables.find(table).orElse(null);
        if (codes != null) {
            Set<String> values = new LinkedHashSet<>();
            JsonNode sourceEnum = declared == null ? null : declared.get("enum");
            if (sourceEnum != null && sourceEnum.isArray()) {
                sourceEnum.valueStream().map(code -> codes.entries().get(code.asString()))
                        .filter(value -> value != null).forEach(values::add);
            }
            else {
                values.addAll(codes.entries().values());
            }
            ArrayNode codeEnum = schema.putArray("enum");
            values.forEach(codeEnum::add);
        }
        schema.put("$comment", "the code at " + from + " translated through code table '" + table + "'"
                + (codes == null ? " (not registered yet)" : ""));
        if (declared != null) {
            annotate(schema, declared);
        }
        return schema;
    }

    private static ObjectNode transformed(ValueTransform transform, JsonPointer from, JsonNode declared) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "string");
        if (transform instanceof Hash) {
            schema.put("pattern", "^[0-9a-f]{64}$");
            schema.put("$comment", "the department's own salted hash (HMAC-SHA256, hex) of " + from);
        }
        else if (transform instanceof Mask mask) {
            schema.put("pattern", "^(?:.{" + mask.keepPrefix() + "}\\*+.{" + mask.keepSuffix() + "}|\\**)$");
            copy(declared, schema, "minLength", "maxLength");
            schema.put("$comment", from + " masked: its first " + mask.keepPrefix() + " and last "
                    + mask.keepSuffix() + " characters kept, every other one '*' (all '*' when it is not longer)");
        }
        else if (transform instanceof DateFormat date) {
            DatePatterns.regex(date.pattern()).ifPresent(regex -> schema.put("pattern", regex));
            schema.put("$comment", "the date or date-time at " + from + " formatted as '" + date.pattern() + "'"
                    + (date.zone() == null ? "" : " in " + date.zone()));
        }
        else {
            NumberFormat number = (NumberFormat) transform;
            schema.put("type", number.pattern() == null ? "number" : "string");
            schema.put("$comment", "the number at " + from
                    + (number.scale() == null ? "" : " rounded " + number.rounding() + " to " + number.scale()
                    + " decimal places")
                    + (number.pattern() == null ? "" : " formatted as '" + number.pattern() + "'"));
        }
        return schema;
    }

    /** The schema with {@code fallback} as its default, which it then accepts too. */
    private static ObjectNode withDefault(ObjectNode schema, JsonNode fallback) {
        if (schema.get("enum") instanceof ArrayNode values) {
            if (!values.valueStream().anyMatch(fallback::equals)) {
                values.add(fallback.deepCopy());
            }
        }
        else if (!fits(fallback, schema)) {
            ObjectNode either = NODES.objectNode();
            ANNOTATIONS.forEach(name -> {
                if (schema.has(name)) {
                    either.set(name, schema.remove(name));
                }
            });
            ObjectNode constant = NODES.objectNode();
            constant.set("const", fallback.deepCopy());
            either.putArray("anyOf").add(schema).add(constant);
            either.set("default", fallback.deepCopy());
            return either;
        }
        schema.set("default", fallback.deepCopy());
        return schema;
    }

    /** Whether the schema's type, pattern and string length already accept {@code value}. */
    private static boolean fits(JsonNode value, ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isString() && !type.asString().equals(jsonType(value))
                && !("number".equals(type.asString()) && value.isNumber())) {
            return false;
        }
        if (value.isString() && schema.has("pattern")) {
            try {
                if (!Pattern.compile(schema.get("pattern").asString()).matcher(value.asString()).find()) {
                    return false;
                }
            }
            catch (PatternSyntaxException e) {
                return false;
            }
        }
        int length = value.isString() ? value.asString().codePointCount(0, value.asString().length()) : 0;
        return !value.isString() || length >= schema.path("minLength").asInt(0)
                && length <= schema.path("maxLength").asInt(Integer.MAX_VALUE);
    }

    private static String jsonType(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "integer";
        }
        return switch (value.getNodeType()) {
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case ARRAY -> "array";
            case NULL -> "null";
            default -> "string";
        };
    }

    /** Title, description and {@code x-l10n} of the source property, which the department's field carries. */
    private static void annotate(ObjectNode schema, JsonNode declared) {
        copy(declared, schema, ANNOTATIONS.toArray(String[]::new));
    }

    private static void copy(JsonNode from, ObjectNode to, String... names) {
        if (from == null) {
            return;
        }
        for (String name : names) {
            if (from.has(name)) {
                to.set(name, from.get(name).deepCopy());
            }
        }
    }
}
