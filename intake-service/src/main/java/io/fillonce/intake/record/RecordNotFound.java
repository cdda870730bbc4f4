package io.fillonce.intake.record;

/** No record was ever submitted for this type and entity key. */
public class RecordNotFound extends RuntimeException {

    private final boolean refused;

    RecordNotFound(String type, String entityKey) {
        this(type, entityKey, false);
    }

    /** {@code refused}: there is such a record, but the caller may not have it; the answer is the same. */
    RecordNotFound(String type, String entityKey, boolean refused) {
        super("There is no " + type + " record with entity key '" + entityKey + "'.");
        this.refused = refused;
    }

    /** For the audit only: whether the record exists but was withheld from the caller. */
    public boolean refused() {
        return refused;
    }
}
