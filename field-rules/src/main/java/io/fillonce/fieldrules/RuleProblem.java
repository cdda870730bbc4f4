package io.fillonce.fieldrules;

/**
 * What is wrong with a mapping or filter: where ({@code pointer}, a JSON Pointer into the subscription, e.g.
 * {@code /fields/xb/codeTable}), which rule of the language it breaks ({@code rule}, a JSON Schema keyword where one
 * fits: required, enum, type, ...) and a {@code message} a person can act on.
 */
public record RuleProblem(String pointer, String rule, String message) {

    @Override
    public String toString() {
        return pointer + ": " + message;
    }
}
