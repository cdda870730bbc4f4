package io.fillonce.intake.batch;

/**
 * An XLSX upload that cannot be read as records: not an XLSX file, no path row, a column naming a path that is not a
 * field of the type, or a zip whose parts unpack beyond the bounds. Nothing of it was stored.
 */
public class InvalidSpreadsheet extends RuntimeException {

    private final boolean tooLarge;

    InvalidSpreadsheet(String message) {
        this(message, false);
    }

    private InvalidSpreadsheet(String message, boolean tooLarge) {
        super(message + " Nothing of the upload was stored.");
        this.tooLarge = tooLarge;
    }

    /** Within the upload size, but unpacking (or holding) it would go beyond the bounds: a 413. */
    static InvalidSpreadsheet tooLarge(String message) {
        return new InvalidSpreadsheet(message, true);
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
