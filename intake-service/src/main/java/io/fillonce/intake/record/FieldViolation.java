package io.fillonce.intake.record;

/**
 * One way a submitted record breaks its type's rules.
 *
 * @param pointer JSON Pointer into the submitted body ({@code ""} for the whole body)
 * @param rule the rule that failed: the JSON Schema keyword, or {@code entityKey}
 * @param message what is wrong and what is allowed, for a person
 */
public record FieldViolation(String pointer, String rule, String message) {
}
