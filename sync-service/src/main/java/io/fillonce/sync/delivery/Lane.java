package io.fillonce.sync.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.fillonce.sync.audit.AuditLog;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one department's entries on one channel, on its own thread, so a slow or failing department holds up
 * only itself. Per entity, versions go strictly in order: an entity whose entry is waiting for a retry or is
 * dead-lettered blocks its later versions, while the lane goes on with other entities.
 */
final class Lane implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Lane.class);

    private enum Outcome { DONE, BLOCKED, PAUSED }

    private final String key;
    private final String department;
    private final Channel channel;
    private final LaneLeases leases;
    private final Ledger ledger;
    private final AuditLog audit;
    private final LaneSettings settings;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private Instant renewed = Instant.MIN;

    Lane(String department, Channel channel, Ledger ledger, AuditLog audit, LaneLeases leases, LaneSettings settings,
            Clock clock) {
        this.key = department + "|" + channel.name();
        this.department = department;
        this.channel = channel;
        this.leases = leases;
        this.ledger = ledger;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    void stop() {
        running = false;
        wake.release();
    }

    @Override
    public void run() {
        while (running) {
            try {
                long pause = drain();
                if (pause > 0 && wake.tryAcquire(pause, TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException e) {
                log.warn("Lane {}/{} could not read the ledger: {}", department, channel.name(), e.toString());
                sleep(settings.idlePoll().toMillis());
            }
        }
    }

    String key() {
        return key;
    }

    /**
     * One round; returns how long to wait before the next one (0: go on at once). Confirmed deliveries are audited
     * and marked together at the end of the round (or before another version of an entity confirmed in it).
     */
    long drain() {
        if (!renew()) {
            return settings.idlePoll().toMillis();
        }
        Confirmations confirmations = new Confirmations(ledger, audit);
        try {
            return drain(confirmations);
        }
        finally {
            confirmations.flush();
        }
    }

    private long drain(Confirmations confirmations) {
        Set<String> blocked = new HashSet<>(ledger.parked(department, channel.name()));
        List<Delivery> batch = ledger.waiting(department, channel.name(), blocked, settings.batchSize());
        int done = 0;
        for (Delivery delivery : batch) {
            if (!running || blocked.contains(delivery.subject())) {
                continue;
            }
            if (delivery.nextAttemptAt() != null && delivery.nextAttemptAt().isAfter(clock.instant())) {
                blocked.add(delivery.subject());
                continue;
            }
            if (confirmations.holds(delivery.subject())) {
                confirmations.flush();
            }
            Outcome outcome = deliver(delivery, confirmations);
            if (outcome == Outcome.PAUSED) {
                return channel.pause().toMillis();
            }
            if (outcome == Outcome.BLOCKED) {
                blocked.add(delivery.subject());
            }
            else {
                done++;
            }
        }
        return done > 0 ? 0 : settings.idlePoll().toMillis();
    }

    private Outcome deliver(Delivery delivery, Confirmations confirmations) {
        if (ledger.deliveredAsAnotherEvent(delivery)) {
            ledger.skipped(delivery.id(), "version " + delivery.version() + " or a later one was already delivered");
            return Outcome.DONE;
        }
        AtomicInteger attempts = new AtomicInteger(delivery.attempts());
        try {
            Long sequence = channel.guarded(department, () -> attempt(delivery, attempts)).call();
            confirmations.add(delivery, attempts.get(), clock.instant(), sequence);
            return Outcome.DONE;
        }
        catch (LeaseLost e) {
            log.warn("Lane {} lost its lease to another instance", key);
            return Outcome.PAUSED;
        }
        catch (CallNotPermittedException e) {
            if (attempts.get() >= channel.retryBudget()) {
                String reason = ledger.find(delivery.id()).map(Delivery::lastError).orElse("retry budget used up");
                return failed(delivery, attempts.get(), DeliveryAttemptFailed.permanent(reason));
            }
            log.info("Lane {}/{} paused: circuit breaker open", department, channel.name());
            return Outcome.PAUSED;
        }
        catch (DeliveryAttemptFailed e) {
            return failed(delivery, attempts.get(), e);
        }
        catch (Exception e) {
            return failed(delivery, attempts.get(), DeliveryAttemptFailed.retryable(e.toString()));
        }
    }

    private Long attempt(Delivery delivery, AtomicInteger attempts) {
        if (!renew()) {
            throw new LeaseLost();
        }
        int attempt = attempts.incrementAndGet();
        try {
            return channel.send(delivery);
        }
        catch (DeliveryAttemptFailed e) {
            ledger.failed(delivery.id(), attempt, e.getMessage(), null);
            throw e;
        }
    }

    private Outcome failed(Delivery delivery, int attempts, DeliveryAttemptFailed failure) {
        if (failure.permanent() || channel.deadLetters()) {
            log.warn("Dead letter {} after {} attempts: {}", delivery.id(), attempts, failure.getMessage());
            ledger.dead(delivery.id(), attempts, failure.getMessage());
        }
        else {
            Instant next = clock.instant().plus(channel.pause());
            ledger.failed(delivery.id(), attempts, failure.getMessage(), next);
        }
        return Outcome.BLOCKED;
    }

    /** Renews the lease when a quarter of it has passed; false when another instance holds the lane. */
    private boolean renew() {
        Instant now = clock.instant();
        if (now.isBefore(renewed.plus(settings.lease().dividedBy(4)))) {
            return true;
        }
        if (!leases.hold(key)) {
            renewed = Instant.MIN;
            return false;
        }
        renewed = now;
        return true;
    }

    /** Another instance took this lane over; the delivery is left as it is in the ledger. */
    private static final class LeaseLost extends RuntimeException {

        LeaseLost() {
            super("lane lease lost", null, false, false);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
