package io.fillonce.intake.record;

/** No record was ever submitted for this type and entity key. */
public class RecordNotFound extends RuntimeException {

    RecordNotFound(String type, String entityKey) {
        super("There is no " + type + " record with entity key '" + entityKey + "'.");
    }
}
