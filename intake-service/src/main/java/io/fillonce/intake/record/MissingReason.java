package io.fillonce.intake.record;

import java.util.List;

/** A retraction without a reason (or one over {@value #MOST} characters): 422 naming {@code /reason}. */
public class MissingReason extends RuntimeException {

    static final int MOST = 500;

    MissingReason() {
        super("Say why, in 1 to " + MOST + " characters: every department that received the entity reads it.");
    }

    public List<FieldViolation> violations() {
        return List.of(new FieldViolation("/reason", "required", getMessage()));
    }
}
