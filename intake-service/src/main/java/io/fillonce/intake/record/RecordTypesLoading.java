package io.fillonce.intake.record;

/** The registry view has not yet read the whole registry, so an unknown type may merely not be loaded yet. */
public class RecordTypesLoading extends RuntimeException {

    RecordTypesLoading(String type) {
        super("Record type '" + type + "' is not known yet: this instance is still reading the registry. "
                + "Please retry in a moment.");
    }
}
