package io.fillonce.sync.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A department's outage as its webhook worker sees it: from the first message kept waiting for the department
 * until the next delivery goes through. Logged once when it begins and once when it ends (how long it lasted and
 * about how many messages waited: Kafka offsets, so transaction markers count too), never per message or per probe.
 */
final class DepartmentOutage {

    private static final Logger log = LoggerFactory.getLogger(DepartmentOutage.class);

    private final String department;
    private final Duration probeEvery;
    private final Supplier<String> breaker;
    private final LongSupplier waiting;
    private final Clock clock;
    private Instant since;

    /**
     * @param breaker the department's circuit breaker state
     * @param waiting about how many messages wait for the department now, or a negative number when unknown
     */
    DepartmentOutage(String department, Duration probeEvery, Supplier<String> breaker, LongSupplier waiting,
            Clock clock) {
        this.department = department;
        this.probeEvery = probeEvery;
        this.breaker = breaker;
        this.waiting = waiting;
        this.clock = clock;
    }

    /** A message waits for the department (it is unavailable, or its circuit breaker is open). */
    void began(String reason) {
        if (since != null) {
            return;
        }
        since = clock.instant();
        log.warn("Webhook deliveries to department {} wait ({}circuit breaker {}): tried again every {} from the first "
                + "not delivered, for as long as this lasts; unavailability uses up no message's retries", department,
                reason == null ? "" : reason + "; ", breaker.get(), probeEvery);
    }

    /** A delivery went through. */
    void resumed() {
        if (since == null) {
            return;
        }
        Duration lasted = Duration.between(since, clock.instant()).truncatedTo(ChronoUnit.MILLIS);
        since = null;
        long count = waiting.getAsLong();
        log.info("Webhook deliveries to department {} resumed after {}; {}", department, lasted, count < 0
                ? "an unknown number of messages waited"
                : "about " + count + " messages waited (Kafka offsets, as consumer lag counts them)");
    }
}
