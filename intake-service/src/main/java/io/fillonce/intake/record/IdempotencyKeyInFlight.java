package io.fillonce.intake.record;

/** An earlier request with the same {@code Idempotency-Key} is still being processed. */
public class IdempotencyKeyInFlight extends RuntimeException {

    IdempotencyKeyInFlight(String key) {
        super("An earlier request with the Idempotency-Key '" + key + "' is still being processed; retry shortly "
                + "to get its answer.");
    }
}
