package io.fillonce.intake.record;

/** The registry defines no record type of this name. */
public class UnknownRecordType extends RuntimeException {

    UnknownRecordType(String type) {
        super("There is no record type '" + type + "' in the registry.");
    }
}
