package io.fillonce.registry.system;

/** One invalid input: a JSON Pointer into the request body, the rule that failed and what to do about it. */
public record FieldProblem(String pointer, String rule, String message) {
}
