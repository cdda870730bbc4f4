package io.fillonce.sync.delivery;

import java.time.Duration;

/** One try of a delivery did not reach the department. {@code permanent}: trying again cannot help. */
public class DeliveryAttemptFailed extends RuntimeException {

    private final boolean permanent;
    private final Duration retryAfter;

    public DeliveryAttemptFailed(String reason, boolean permanent, Duration retryAfter) {
        super(reason);
        this.permanent = permanent;
        this.retryAfter = retryAfter;
    }

    public static DeliveryAttemptFailed retryable(String reason) {
        return new DeliveryAttemptFailed(reason, false, null);
    }

    public static DeliveryAttemptFailed permanent(String reason) {
        return new DeliveryAttemptFailed(reason, true, null);
    }

    public boolean permanent() {
        return permanent;
    }

    /** What the department asked for (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
