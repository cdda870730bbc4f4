package io.fillonce.intake.batch;

/** A bulk upload over {@code fillonce.intake.max-batch-bytes}; nothing of it was stored. */
public class BatchTooLarge extends RuntimeException {

    BatchTooLarge(long maxBytes) {
        super("The upload is larger than the " + maxBytes + " bytes accepted for one bulk upload; split it. "
                + "Nothing of it was stored.");
    }
}
