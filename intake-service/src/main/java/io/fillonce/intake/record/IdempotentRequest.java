package io.fillonce.intake.record;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One {@code Idempotency-Key} of one principal: inserted first as {@code PENDING} (the unique {@code _id} makes the
 * first request the only owner), completed with the answer once the record is stored. MongoDB TTL indexes are not
 * relied on: a key past {@code expiresAt} is ignored, taken over by the next request, and deleted by a sweep.
 */
@Document(IdempotentRequest.COLLECTION)
record IdempotentRequest(@Id String id, String requestHash, State state, Instant createdAt, Instant expiresAt,
        SubmissionReceipt receipt, boolean created) {

    static final String COLLECTION = "idempotency_keys";

    enum State {
        PENDING, DONE
    }

    static IdempotentRequest pending(String id, String requestHash, Instant now, Instant expiresAt) {
        return new IdempotentRequest(id, requestHash, State.PENDING, now, expiresAt, null, false);
    }

    boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    Submission submission() {
        return new Submission(receipt, created);
    }
}
