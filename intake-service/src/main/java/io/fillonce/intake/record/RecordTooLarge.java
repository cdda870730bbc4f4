package io.fillonce.intake.record;

/** The request body is larger than {@code fillonce.intake.max-record-bytes}. */
public class RecordTooLarge extends RuntimeException {

    RecordTooLarge(long maxBytes) {
        super("A record may be at most " + maxBytes + " bytes of JSON.");
    }
}
