package io.fillonce.sync.webhook;

import java.time.Duration;

/** One try of a delivery did not reach the department. {@code permanent}: trying again cannot help. */
class DeliveryAttemptFailed extends RuntimeException {

    private final boolean permanent;
    private final Duration retryAfter;

    DeliveryAttemptFailed(String reason, boolean permanent, Duration retryAfter) {
        super(reason);
        this.permanent = permanent;
        this.retryAfter = retryAfter;
    }

    static DeliveryAttemptFailed retryable(String reason) {
        return new DeliveryAttemptFailed(reason, false, null);
    }

    static DeliveryAttemptFailed permanent(String reason) {
        return new DeliveryAttemptFailed(reason, true, null);
    }

    boolean permanent() {
        return permanent;
    }

    /** What the department asked for (Retry-After), or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
