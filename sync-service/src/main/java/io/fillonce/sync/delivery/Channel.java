package io.fillonce.sync.delivery;

import java.time.Duration;
import java.util.concurrent.Callable;

/** One way a department receives its deliveries: topic, webhook or feed. */
public interface Channel {

    String name();

    /**
     * Makes one delivery once; returns the feed sequence it was given, or null.
     *
     * @throws DeliveryAttemptFailed when this try did not reach the department
     */
    Long send(Delivery delivery);

    /** Wraps the tries of one delivery (retry, circuit breaker) for the department. */
    default Callable<Long> guarded(String department, Callable<Long> tries) {
        return tries;
    }

    /** Tries a delivery gets before it is dead-lettered, counted across breaker pauses and restarts. */
    default int retryBudget() {
        return Integer.MAX_VALUE;
    }

    /** True when a delivery that fails after the retries goes to the dead letters; false when it keeps waiting. */
    boolean deadLetters();

    /** How long a lane waits before trying a delivery again that is not dead-lettered, or after a breaker opened. */
    Duration pause();
}
