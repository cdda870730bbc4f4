package io.fillonce.sync.backfill;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.fillonce.sync.delivery.DeliveryStatus;
import io.fillonce.sync.delivery.Sharing;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.CurrentStates;
import io.fillonce.sync.state.EntityState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one job from its cursor to the end of its record type, a batch of entities at a time (only one batch is
 * held in memory). Each entity is read again by key just before it is shared, so what is queued is its current
 * version: when the live fan-out has already queued a later version, the backfill queues that same event (a
 * no-op in the ledger) rather than an older one. The subscription is looked up for every batch, so a mapping that
 * changes during the job is used from the next batch on, and a removed subscription ends the job as FAILED.
 * Progress (cursor and counts) is written once per batch, so a job taken over after a crash redoes at most one
 * batch, which the ledger's idempotent entries make harmless, and counts it once.
 * <p>
 * After its first pass a backfill settles: another instance whose registry view learnt of the subscription later
 * may have fanned out a newer version of an entity this job had passed without sharing it with the department.
 * So at {@code settleAt} ({@code settle-after} later, when every view knows the subscription) the job walks the
 * type again and queues each matching entity's current version that the department does not have; the lanes
 * never send a version older than one already delivered. While it waits the run hands the job back to be
 * resubmitted at {@code settleAt} instead of holding a worker.
 */
final class BackfillRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(BackfillRun.class);

    private final BackfillJob job;
    private final String owner;
    private final BackfillJobs jobs;
    private final CurrentStates states;
    private final RegistryView registry;
    private final Sharing sharing;
    private final BackfillSettings settings;
    private final BooleanSupplier active;
    private final Consumer<BackfillJob> settleLater;
    private final Clock clock = Clock.systemUTC();

    BackfillRun(BackfillJob job, String owner, BackfillJobs jobs, CurrentStates states, RegistryView registry,
            Sharing sharing, BackfillSettings settings, BooleanSupplier active, Consumer<BackfillJob> settleLater) {
        this.job = job;
        this.owner = owner;
        this.jobs = jobs;
        this.states = states;
        this.registry = registry;
        this.sharing = sharing;
        this.settings = settings;
        this.active = active;
        this.settleLater = settleLater;
    }

    @Override
    public void run() {
        try {
            if (job.settling() && clock.instant().isBefore(job.settleAt())) {
                settleLater.accept(job);
                return;
            }
            work();
        }
        catch (RuntimeException e) {
            log.warn("Job {} stopped: {}; it is resumed once its heartbeat is stale", job.id(), e.toString());
        }
    }

    private void work() {
        String cursor = job.cursor();
        while (active.getAsBoolean()) {
            Optional<Subscription> subscription = registry.subscription(job.subscription());
            if (subscription.isEmpty()) {
                jobs.finished(job.id(), owner, JobState.FAILED, "subscription " + job.subscription()
                        + " is no longer registered", clock.instant());
                return;
            }
            List<EntityState> batch = states.page(job.recordType(), cursor, batchSize());
            if (batch.isEmpty()) {
                end();
                return;
            }
            cursor = batch.get(batch.size() - 1).entityKey();
            if (!progressed(batch, subscription.get(), cursor)) {
                log.warn("Job {} is no longer this instance's to work; stopped", job.id());
                return;
            }
        }
    }

    /** Shares (first pass) or settles (settle pass) one batch and records it; false when the job is not ours. */
    private boolean progressed(List<EntityState> batch, Subscription subscription, String cursor) {
        Instant now = clock.instant();
        if (job.settling()) {
            long settled = batch.stream().filter(seen -> settle(seen, subscription)).count();
            return jobs.checked(job.id(), owner, cursor, batch.size(), settled, now);
        }
        long shared = batch.stream().filter(seen -> share(seen, subscription)).count();
        return jobs.progressed(job.id(), owner, cursor, shared, batch.size() - shared, now);
    }

    private void end() {
        if (!job.settling() && job.kind() == JobKind.BACKFILL && !settings.settleAfter().isZero()) {
            Instant now = clock.instant();
            jobs.settling(job.id(), owner, now.plus(settings.settleAfter()), now).ifPresent(settleLater);
            log.info("Job {} ({} of subscription {}) passed every entity; settles in {}", job.id(), job.kind(),
                    job.subscription(), settings.settleAfter());
            return;
        }
        jobs.finished(job.id(), owner, JobState.DONE, null, clock.instant());
        log.info("Job {} ({} of subscription {}) done", job.id(), job.kind(), job.subscription());
    }

    /** True when the entity's current version was put in the department's lanes. */
    private boolean share(EntityState seen, Subscription subscription) {
        EntityState current = states.find(seen.type(), seen.entityKey()).orElse(seen);
        if (!subscription.wants(current.data())) {
            return false;
        }
        String resyncJob = job.kind() == JobKind.RESYNC ? job.id() : null;
        return sharing.share(current, subscription, resyncJob).stream()
                .anyMatch(entry -> entry.status() == DeliveryStatus.PENDING);
    }

    /** True when the entity's current version was missing from the department's lanes and is queued now. */
    private boolean settle(EntityState seen, Subscription subscription) {
        EntityState current = states.find(seen.type(), seen.entityKey()).orElse(seen);
        return subscription.wants(current.data()) && !sharing.queued(current, subscription)
                && share(current, subscription);
    }

    private int batchSize() {
        return settings.batchSize();
    }
}
