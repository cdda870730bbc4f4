package io.fillonce.intake.record;

/** The schema version named in the {@code Fillonce-Schema-Version} header is not known for the record type. */
public class UnknownSchemaVersion extends RuntimeException {

    UnknownSchemaVersion(String header, String type, String requested, int current) {
        super("The " + header + " header names schema version " + requested + " of record type " + type
                + ", which this service does not know; the current version is " + current + ".");
    }
}
