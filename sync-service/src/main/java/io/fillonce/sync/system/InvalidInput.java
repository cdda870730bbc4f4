package io.fillonce.sync.system;

import java.util.List;

/** Request parameters or body broke a rule; every broken rule is listed. */
public class InvalidInput extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(errors.stream().map(e -> e.pointer() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.errors = List.copyOf(errors);
    }

    /** {@code name} as one JSON Pointer reference token ({@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    public static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    public static InvalidInput of(String pointer, String rule, String message) {
        return new InvalidInput(List.of(new FieldError(pointer, rule, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One entry of a problem's {@code errors} (contracts/schemas/problem.schema.json). */
    public record FieldError(String pointer, String rule, String message) {
    }
}
