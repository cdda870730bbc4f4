package io.fillonce.intake.record;

import java.util.List;

import io.fillonce.web.FieldProblem;

/** A submission does not match its type's schema or lacks its entity key; nothing was stored. */
public class RecordRejected extends RuntimeException {

    private final String type;

    private final int typeVersion;

    private final transient List<FieldProblem> violations;

    RecordRejected(String type, int typeVersion, List<FieldProblem> violations) {
        super(violations.size() + (violations.size() == 1 ? " field is" : " fields are") + " invalid for record type "
                + type + " (schema version " + typeVersion + ").");
        this.type = type;
        this.typeVersion = typeVersion;
        this.violations = List.copyOf(violations);
    }

    public String type() {
        return type;
    }

    public int typeVersion() {
        return typeVersion;
    }

    public List<FieldProblem> violations() {
        return violations;
    }
}
