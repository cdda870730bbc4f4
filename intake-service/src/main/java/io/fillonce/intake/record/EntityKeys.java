package io.fillonce.intake.record;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.fillonce.web.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * The entity key of a record: the values of its type's entity key fields, as text, joined with {@code |} in the
 * order the type lists them. Every key field must hold a non-empty string, a number or a boolean.
 */
final class EntityKeys {

    static final String SEPARATOR = "|";

    private EntityKeys() {
    }

    static List<FieldProblem> violations(List<String> fields, JsonNode record) {
        List<FieldProblem> violations = new ArrayList<>();
        for (String field : fields) {
            JsonNode value = record.path(field);
            if (!isKeyValue(value)) {
                violations.add(new FieldProblem("/" + field.replace("~", "~0").replace("/", "~1"), "entityKey",
                        "entity key field '" + field + "' must be a non-empty string, a number or a boolean"));
            }
        }
        return violations;
    }

    /** The entity key; call only once {@link #violations} found nothing. */
    static String of(List<String> fields, JsonNode record) {
        return fields.stream().map(field -> record.get(field).asString()).collect(Collectors.joining(SEPARATOR));
    }

    private static boolean isKeyValue(JsonNode value) {
        return value.isString() ? !value.asString().isEmpty() : value.isNumber() || value.isBoolean();
    }
}
