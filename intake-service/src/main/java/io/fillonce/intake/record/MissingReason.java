package io.fillonce.intake.record;

import java.util.List;

import io.fillonce.web.FieldProblem;

/**
 * A retraction without a reason, or an erasure without its reason or legal basis (or one over {@value #MOST}
 * characters): 422 naming each such member ({@code /reason}, {@code /legalBasis}).
 */
public class MissingReason extends RuntimeException {

    static final int MOST = 500;

    private final List<String> pointers;

    MissingReason() {
        this(List.of("/reason"), "Say why, in 1 to " + MOST + " characters: every department that received the "
                + "entity reads it.");
    }

    MissingReason(List<String> pointers, String message) {
        super(message);
        this.pointers = List.copyOf(pointers);
    }

    /** Whether {@code text} is no reason: missing, blank or over {@value #MOST} characters. */
    static boolean missing(String text) {
        return text == null || text.isBlank() || text.length() > MOST;
    }

    public List<FieldProblem> violations() {
        return pointers.stream().map(pointer -> new FieldProblem(pointer, "required", getMessage())).toList();
    }
}
