package io.fillonce.sync.webhook;

import java.time.Duration;
import java.util.Set;

/**
 * One try of a delivery did not reach the department, and whose fault that is ({@link Kind}): the one place that
 * decides what a failed try costs the message.
 */
class DeliveryAttemptFailed extends RuntimeException {

    /** Answers that say the department cannot take anything right now, whatever the message. */
    static final Set<Integer> UNAVAILABLE_STATUSES = Set.of(429, 502, 503, 504);

    /** What a failed try says, and so what it costs the message. */
    enum Kind {
        /**
         * The department is unavailable: no HTTP answer (connection refused or reset, timeout, a host that does not
         * resolve) or 429, 502, 503, 504. Retried, but never charged to the message: the worker keeps it for as
         * long as the outage lasts.
         */
        UNAVAILABLE,
        /** A reachable endpoint refused this message (any other non-2xx): charged; a dead letter once used up. */
        REFUSED,
        /** Trying again cannot help (410 Gone, an inactive endpoint, a refused URL): a dead letter at once. */
        PERMANENT
    }

    private final Kind kind;
    private final Duration retryAfter;

    private DeliveryAttemptFailed(String reason, Kind kind, Duration retryAfter) {
        super(reason);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** A non-2xx answer other than 410 (which the sender handles itself). */
    static DeliveryAttemptFailed answered(int status, Duration retryAfter) {
        String reason = "webhook endpoint answered HTTP " + status;
        return UNAVAILABLE_STATUSES.contains(status) ? new DeliveryAttemptFailed(reason, Kind.UNAVAILABLE, retryAfter)
                : refused(reason);
    }

    static DeliveryAttemptFailed unavailable(String reason) {
        return new DeliveryAttemptFailed(reason, Kind.UNAVAILABLE, null);
    }

    static DeliveryAttemptFailed refused(String reason) {
        return new DeliveryAttemptFailed(reason, Kind.REFUSED, null);
    }

    static DeliveryAttemptFailed permanent(String reason) {
        return new DeliveryAttemptFailed(reason, Kind.PERMANENT, null);
    }

    Kind kind() {
        return kind;
    }

    boolean permanent() {
        return kind == Kind.PERMANENT;
    }

    /** Whether the try is charged to the message's retry budget. */
    boolean charged() {
        return kind != Kind.UNAVAILABLE;
    }

    /** What the department asked for (Retry-After), or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
