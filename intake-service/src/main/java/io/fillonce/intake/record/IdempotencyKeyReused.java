package io.fillonce.intake.record;

/** The {@code Idempotency-Key} was already used by this principal for a different request. */
public class IdempotencyKeyReused extends RuntimeException {

    IdempotencyKeyReused(String key) {
        super("The Idempotency-Key '" + key + "' was already used for a different request body (or another record "
                + "type or entity); use a new key for a new request.");
    }
}
