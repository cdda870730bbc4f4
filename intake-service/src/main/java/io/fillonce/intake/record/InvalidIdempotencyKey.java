package io.fillonce.intake.record;

/** The {@code Idempotency-Key} header is empty, too long or holds non-printable characters. */
public class InvalidIdempotencyKey extends RuntimeException {

    InvalidIdempotencyKey(int maxLength) {
        super("The Idempotency-Key header must be 1 to " + maxLength + " printable ASCII characters.");
    }
}
