package io.fillonce.intake.record;

/**
 * Something intake keeps of an entity besides its record document (its history, the answers kept for idempotency
 * keys, bulk-upload results). An erasure deletes it right after the erased version is written, and again when the
 * document itself goes ({@link ErasureSweep}), so a crash in between leaves nothing behind.
 */
public interface EntityTraces {

    /** Deletes (or blanks) what this keeps of the erased entity; doing it again is harmless. */
    void erase(SubmissionReceipt erased);

    /**
     * Whether no work begun before the erasure can still add to what this keeps of the entity; until then the
     * erasure is not finished (the entity keeps refusing new versions).
     */
    default boolean settled(SubmissionReceipt erased) {
        return true;
    }
}
