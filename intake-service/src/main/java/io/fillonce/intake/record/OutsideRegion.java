package io.fillonce.intake.record;

import java.util.List;

import io.fillonce.intake.registry.RecordType;
import io.fillonce.web.FieldProblem;

/** A cadre's record, or a version over an entity, outside the cadre's region (403); nothing was stored. */
public class OutsideRegion extends RuntimeException {

    private final transient List<FieldProblem> violations;

    OutsideRegion(RecordType type, String cadreRegion) {
        super("A cadre of region " + (cadreRegion == null ? "(none)" : cadreRegion) + " submits and corrects only "
                + type.name() + " records whose " + type.regionField() + " starts with that code, and only entities "
                + "kept under such a code. Nothing was stored.");
        this.violations = List.of(new FieldProblem("/" + type.regionField(), "region",
                "must start with the cadre's region code " + (cadreRegion == null ? "(none)" : cadreRegion)));
    }

    public List<FieldProblem> violations() {
        return violations;
    }
}
