package io.fillonce.intake.record;

/**
 * A new version of a retracted entity, the retraction of one already retracted or the reinstatement of one that is
 * not: 409.
 */
public class RecordRetracted extends RuntimeException {

    public RecordRetracted(String message) {
        super(message);
    }
}
