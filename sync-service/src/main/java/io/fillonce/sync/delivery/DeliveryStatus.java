package io.fillonce.sync.delivery;

/** Where one (event, department, channel) delivery stands in the ledger. */
public enum DeliveryStatus {
    /** Waiting for its lane. */
    PENDING,
    /** Tried and failed; tried again after {@code nextAttemptAt}. */
    FAILED,
    /** Received by the department. */
    DELIVERED,
    /** Not delivered after the retry budget (or refused for good): a dead letter that parks its entity. */
    DEAD,
    /** A dead letter an operator gave up on, with the reason; the entity flows on. */
    DISCARDED,
    /** Never sent: the payload could not be built, or this version already reached the department as another event. */
    SKIPPED
}
