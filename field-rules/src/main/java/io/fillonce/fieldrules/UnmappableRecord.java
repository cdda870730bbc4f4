package io.fillonce.fieldrules;

/** A valid mapping that cannot build a payload from this particular record, e.g. a code missing from a code table. */
public class UnmappableRecord extends RuntimeException {

    public UnmappableRecord(String message) {
        super(message);
    }
}
