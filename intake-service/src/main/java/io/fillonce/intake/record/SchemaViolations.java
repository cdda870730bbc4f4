package io.fillonce.intake.record;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import io.fillonce.web.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * Turns the JSON Schema validator's errors into {@link FieldProblem}s: a JSON Pointer into the submitted body
 * (for {@code required}, the missing property itself), the keyword that failed and a message naming what is
 * allowed.
 */
final class SchemaViolations {

    private SchemaViolations() {
    }

    static List<FieldProblem> of(Collection<Error> errors) {
        return errors.stream().map(SchemaViolations::of).distinct().toList();
    }

    static FieldProblem of(Error error) {
        String pointer = pointer(error.getInstanceLocation());
        String keyword = error.getKeyword();
        if ("required".equals(keyword) || "dependentRequired".equals(keyword)) {
            String property = error.getProperty() != null ? error.getProperty() : String.valueOf(arg(error, 0));
            return new FieldProblem(pointer + "/" + escape(property), "required",
                    "required property '" + property + "' is missing");
        }
        return new FieldProblem(pointer, keyword, message(error));
    }

    static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    private static String message(Error error) {
        JsonNode schemaValue = error.getSchemaNode();
        return switch (error.getKeyword()) {
            case "enum" -> "must be one of " + (schemaValue != null && schemaValue.isArray()
                    ? texts(schemaValue) : String.valueOf(arg(error, 0)));
            case "const" -> "must be " + arg(error, 0);
            case "pattern" -> "must match the pattern " + arg(error, 0);
            case "type" -> "must be of type " + arg(error, 1) + ", but is " + arg(error, 0);
            // never the value itself: it may be personal data, and problems and logs must not carry it
            case "format" -> "must be a valid " + (schemaValue != null && schemaValue.isString()
                    ? schemaValue.asString() : "value of the field's declared format");
            default -> error.getMessage();
        };
    }

    private static String texts(JsonNode values) {
        return StreamSupport.stream(values.spliterator(), false)
                .map(value -> value.isString() ? value.asString() : value.toString())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Object arg(Error error, int index) {
        Object[] args = error.getArguments();
        return args != null && args.length > index ? args[index] : "";
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
