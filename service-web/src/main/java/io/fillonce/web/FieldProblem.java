package io.fillonce.web;

/**
 * One way a request breaks the API's rules: an entry of a problem's {@code errors}
 * (contracts/schemas/problem.schema.json).
 *
 * @param pointer a JSON Pointer into the request body ({@code ""} for the whole body), or the parameter's name
 * @param rule the rule that failed, e.g. {@code required}, {@code type}, {@code maximum}, {@code pattern}
 * @param message what is wrong and what is allowed, for a person
 */
public record FieldProblem(String pointer, String rule, String message) {

    /** Appends one reference token to a JSON Pointer, escaping '~' and '/' as RFC 6901 requires. */
    public static String child(String pointer, String token) {
        return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }
}
