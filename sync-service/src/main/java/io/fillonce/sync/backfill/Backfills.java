package io.fillonce.sync.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.fillonce.sync.delivery.Sharing;
import io.fillonce.sync.registry.RegistryCaughtUp;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.registry.SubscriptionAppeared;
import io.fillonce.sync.state.CurrentStates;
import io.fillonce.sync.system.Conflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Starts and runs backfill and re-sync jobs. Every subscription in the registry view gets one initial backfill
 * (job id {@code backfill-<subscription>-initial}, created once across all instances by its id), started as soon
 * as the subscription appears; operators start more. A sweep (at start-up, when a subscription appears, and every
 * {@code sweep}) creates missing initial backfills and takes over RUNNING jobs whose heartbeat is stale, so a job
 * of a crashed or stopped instance is resumed from its cursor.
 */
@Service
class Backfills implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Backfills.class);

    private final BackfillJobs jobs;
    private final CurrentStates states;
    private final RegistryView registry;
    private final Sharing sharing;
    private final BackfillSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final String owner = UUID.randomUUID().toString();
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            daemons("backfill-sweep-"));
    private final ExecutorService workers;
    private volatile boolean started;
    private volatile boolean active = true;

    Backfills(BackfillJobs jobs, CurrentStates states, RegistryView registry, Sharing sharing,
            BackfillSettings settings) {
        this.jobs = jobs;
        this.states = states;
        this.registry = registry;
        this.sharing = sharing;
        this.settings = settings;
        this.workers = Executors.newFixedThreadPool(settings.threads(), daemons("backfill-"));
    }

    @EventListener(RegistryCaughtUp.class)
    void start() {
        started = true;
        sweeper.scheduleWithFixedDelay(this::sweep, 0, settings.sweep().toMillis(), TimeUnit.MILLISECONDS);
    }

    @EventListener
    void onSubscriptionAppeared(SubscriptionAppeared subscription) {
        if (started) {
            sweeper.execute(this::sweep);
        }
    }

    /** Starts an operator's job for the subscription; a job of the same kind still running is a conflict. */
    BackfillJob start(Subscription subscription, JobKind kind, String requestedBy) {
        jobs.running(subscription.id(), kind).ifPresent(running -> {
            throw new Conflict("job " + running.id() + " (" + kind + " of subscription " + subscription.id()
                    + ") is still running; see /api/ops/backfills/" + running.id());
        });
        String id = kind.name().toLowerCase() + "-" + Long.toString(clock.millis(), 36) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        BackfillJob job = job(id, kind, subscription, "operator", requestedBy);
        jobs.create(job);
        submit(job);
        return job;
    }

    void sweep() {
        try {
            registry.subscriptions().forEach(this::ensureInitialBackfill);
            Instant staleBefore = clock.instant().minus(settings.staleAfter());
            jobs.abandoned(staleBefore).stream().filter(job -> !working.contains(job.id()))
                    .forEach(job -> jobs.takeOver(job.id(), staleBefore, owner, clock.instant()).ifPresent(taken -> {
                        log.info("Resuming job {} ({} of subscription {}), {} entities done", taken.id(),
                                taken.kind(), taken.subscription(), taken.enqueued() + taken.skipped());
                        submit(taken);
                    }));
        }
        catch (RuntimeException e) {
            log.warn("Backfill sweep failed (tried again in {}): {}", settings.sweep(), e.toString());
        }
    }

    private void ensureInitialBackfill(Subscription subscription) {
        String id = "backfill-" + subscription.id() + "-initial";
        if (!jobs.exists(id)) {
            BackfillJob job = job(id, JobKind.BACKFILL, subscription, "subscription-registered", "sync");
            if (jobs.create(job)) {
                log.info("Backfilling new subscription {} ({} entities of type {})", subscription.id(), job.total(),
                        subscription.recordType());
                submit(job);
            }
        }
    }

    private BackfillJob job(String id, JobKind kind, Subscription subscription, String trigger, String requestedBy) {
        Instant now = clock.instant();
        return new BackfillJob(id, kind, subscription.id(), subscription.department(), subscription.recordType(),
                trigger, requestedBy, JobState.RUNNING, JobPhase.WALKING, states.count(subscription.recordType()), 0, 0,
                0, 0, now, null, null, now, null, owner, null);
    }

    private void submit(BackfillJob job) {
        if (!working.add(job.id())) {
            return;
        }
        workers.execute(() -> {
            try {
                new BackfillRun(job, owner, jobs, states, registry, sharing, settings, () -> active, this::settleLater)
                        .run();
            }
            finally {
                working.remove(job.id());
            }
        });
    }

    /** A job waiting for its settle pass holds no worker: it is submitted again at its {@code settleAt}. */
    private void settleLater(BackfillJob job) {
        long wait = Math.max(0, Duration.between(clock.instant(), job.settleAt()).toMillis()) + 1;
        sweeper.schedule(() -> submit(job), wait, TimeUnit.MILLISECONDS);
    }

    private static CustomizableThreadFactory daemons(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public void destroy() {
        active = false;
        sweeper.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            jobs.release(owner);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException e) {
            log.warn("Could not release this instance's jobs (they are taken over when stale): {}", e.toString());
        }
    }
}
