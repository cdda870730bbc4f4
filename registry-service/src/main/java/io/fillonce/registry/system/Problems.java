package io.fillonce.registry.system;

import java.util.ArrayList;
import java.util.List;

import io.fillonce.web.FieldProblem;
import io.fillonce.web.InvalidInput;

/** Collects every problem of one request, so the caller hears about all of them at once. */
public final class Problems {

    private final List<FieldProblem> found = new ArrayList<>();

    public void add(String pointer, String rule, String message) {
        found.add(new FieldProblem(pointer, rule, message));
    }

    public void addAll(List<FieldProblem> problems) {
        found.addAll(problems);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<FieldProblem> list() {
        return List.copyOf(found);
    }

    /** Throws {@link InvalidInput} when anything was found. */
    public void throwIfAny(String title) {
        if (!found.isEmpty()) {
            throw new InvalidInput(title, list());
        }
    }

    /** Appends one reference token to a JSON Pointer, escaping '~' and '/' as RFC 6901 requires. */
    public static String child(String pointer, String token) {
        return FieldProblem.child(pointer, token);
    }

    public static String child(String pointer, int index) {
        return FieldProblem.child(pointer, index);
    }

    /** Whether {@code text} is non-null and has something other than white space. */
    public static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
