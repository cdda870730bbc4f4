package io.fillonce.intake.record;

/** The request body is not a JSON object. */
public class MalformedRecord extends RuntimeException {

    MalformedRecord(String message) {
        super(message);
    }
}
