package io.fillonce.sync.backfill;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.fillonce.registryfeed.RegistryCaughtUp;
import io.fillonce.registryfeed.RegistryPosition;
import io.fillonce.sync.RecordsTopic;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.registry.SubscriptionAppeared;
import io.fillonce.sync.registry.SubscriptionStatusChanged;
import io.fillonce.sync.system.Unavailable;
import io.fillonce.web.Conflict;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Backfill and re-sync jobs: creates them, tells the fan-out's tasks which are running, and writes the tasks'
 * progress back. Every subscription in the registry view gets one initial backfill (job id
 * {@code backfill-<subscription>-initial}, created once across all instances by its id) as soon as it appears, a
 * release of what it held after each resume and its ended notice once it ends; operators start more. A sweep (at
 * start-up, when a subscription appears or changes status, and every {@code sweep}) creates the missing ones,
 * refreshes the list of running jobs (jobs started on other instances included) and stores the
 * progress the tasks reported since the last sweep; a job whose every partition is done ends.
 */
@Service
public class Backfills implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Backfills.class);

    private final BackfillJobs jobs;
    private final RegistryView registry;
    private final RegistryPosition position;
    private final RecordsTopic recordsTopic;
    private final BackfillSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Reported> reported = new ConcurrentHashMap<>();
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(sweeperThread());
    private volatile List<ActiveJob> running = List.of();
    private volatile boolean started;

    private final MultiGauge progress;
    private final Map<JobKind, Integer> runningPerKind = new ConcurrentHashMap<>();

    Backfills(BackfillJobs jobs, RegistryView registry, RegistryPosition position, RecordsTopic recordsTopic,
            BackfillSettings settings, MeterRegistry meters) {
        this.jobs = jobs;
        this.progress = MultiGauge.builder("fillonce.job.progress")
                .description("how far each running job is, from 0 to 1").register(meters);
        for (JobKind kind : JobKind.values()) {
            Gauge.builder("fillonce.jobs.running", runningPerKind, counts -> counts.getOrDefault(kind, 0))
                    .description("jobs running, by kind").tag("kind", kind.name().toLowerCase()).register(meters);
        }
        this.registry = registry;
        this.position = position;
        this.recordsTopic = recordsTopic;
        this.settings = settings;
    }

    private record Reported(String job, int partition, JobCursor cursor) {
    }

    @EventListener(RegistryCaughtUp.class)
    void start() {
        started = true;
        sweeper.scheduleWithFixedDelay(this::sweep, 0, settings.sweep().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A subscription appeared or changed status: its jobs may be due now, not at the next sweep. */
    @EventListener({SubscriptionAppeared.class, SubscriptionStatusChanged.class})
    void onSubscriptionChanged() {
        if (started) {
            sweeper.execute(this::sweep);
        }
    }

    /** The jobs the fan-out's tasks work, as of the last sweep. */
    public List<ActiveJob> running() {
        return running;
    }

    /** A task's latest cursor in a job; stored with the next sweep. Called from the stream threads. */
    public void report(String job, int partition, JobCursor cursor) {
        reported.put(job + "|" + partition, new Reported(job, partition, cursor));
    }

    /** Starts an operator's job for the subscription; a job of the same kind still running is a conflict. */
    BackfillJob start(Subscription subscription, JobKind kind, String requestedBy) {
        if (subscription.ended()) {
            throw new Conflict("subscription " + subscription.id() + " ended: nothing more is delivered by it");
        }
        jobs.running(subscription.id(), kind).ifPresent(other -> {
            throw new Conflict("job " + other.id() + " (" + kind + " of subscription " + subscription.id()
                    + ") is still running; see /api/ops/backfills/" + other.id());
        });
        String id = kind.name().toLowerCase() + "-" + Long.toString(clock.millis(), 36) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        BackfillJob job = job(id, kind, subscription, "operator", requestedBy, null);
        jobs.create(job);
        sweeper.execute(this::sweep);
        return job;
    }

    /**
     * Starts an IMPACT job for a subscription that reads the code table: it counts, sending nothing, the entities
     * whose message would change under {@code proposed}.
     */
    BackfillJob startImpact(Subscription subscription, ProposedCodeTable proposed, String requestedBy) {
        String id = "impact-" + Long.toString(clock.millis(), 36) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        BackfillJob job = job(id, JobKind.IMPACT, subscription, "code-table-preview", requestedBy, proposed);
        jobs.create(job);
        sweeper.execute(this::sweep);
        return job;
    }

    void sweep() {
        try {
            registry.subscriptions().forEach(this::ensureLifecycleJobs);
            storeProgress();
            List<BackfillJob> active = jobs.running();
            running = active.stream().map(BackfillJob::active).toList();
            for (JobKind kind : JobKind.values()) {
                runningPerKind.put(kind, (int) active.stream().filter(job -> job.kind() == kind).count());
            }
            progress.register(active.stream().map(job -> MultiGauge.Row.of(Tags.of("job", job.id(), "kind",
                    job.kind().name().toLowerCase()), job.fraction())).toList(), true);
        }
        catch (RuntimeException e) {
            log.warn("Backfill sweep failed (tried again in {}): {}", settings.sweep(), e.toString());
        }
    }

    /**
     * The jobs the subscription's life calls for, each created once (by its id) across all instances: its initial
     * backfill; after a resume, the release of what it held (one per resume); after a change that asked for it, the
     * re-sync under the new version (once its initial backfill is done, so the two never race); once ended, its
     * ended notice.
     */
    private void ensureLifecycleJobs(Subscription subscription) {
        if (subscription.ended()) {
            ensure("end-" + subscription.id(), JobKind.END, subscription, "subscription-ended");
            return;
        }
        ensure("backfill-" + subscription.id() + "-initial", JobKind.BACKFILL, subscription, "subscription-registered");
        if (subscription.resumed()) {
            ensure("release-" + subscription.id() + "-" + Long.toString(subscription.statusSince().toEpochMilli(), 36),
                    JobKind.RELEASE, subscription, "subscription-resumed");
        }
        String resync = "resync-" + subscription.id() + "-v" + subscription.version();
        if (subscription.resyncDue() && !ensured.contains(resync)
                && jobs.running(subscription.id(), JobKind.BACKFILL).isEmpty()) {
            ensure(resync, JobKind.RESYNC, subscription, "subscription-changed");
        }
    }

    private void ensure(String id, JobKind kind, Subscription subscription, String trigger) {
        if (ensured.contains(id)) {
            return;
        }
        if (!jobs.exists(id) && jobs.create(job(id, kind, subscription, trigger, "sync", null))) {
            log.info("Job {} ({} of subscription {}, record type {}) started: {}", id, kind, subscription.id(),
                    subscription.recordType(), trigger);
        }
        ensured.add(id);
    }

    private void storeProgress() {
        for (Reported report : List.copyOf(reported.values())) {
            JobCursor c = report.cursor();
            Optional<BackfillJob> job = jobs.progressed(report.job(), report.partition(), new BackfillJob.PartitionProgress(
                    c.total(), c.walked(), c.shared(), c.skipped(), c.done(), c.failure()), clock.instant());
            reported.remove(report.job() + "|" + report.partition(), report);
            job.ifPresent(this::endIfDone);
        }
    }

    private void endIfDone(BackfillJob job) {
        Map<String, BackfillJob.PartitionProgress> progress = job.progress() == null ? Map.of() : job.progress();
        if (job.state() != JobState.RUNNING || progress.size() < job.partitions()
                || !progress.values().stream().allMatch(BackfillJob.PartitionProgress::done)) {
            return;
        }
        Optional<String> failure = progress.values().stream().map(BackfillJob.PartitionProgress::failure)
                .filter(f -> f != null).findFirst();
        jobs.finished(job, failure.isPresent() ? JobState.FAILED : JobState.DONE, failure.orElse(null), clock.instant());
        log.info("Job {} ({} of subscription {}) {}: {} entities shared, {} skipped", job.id(), job.kind(),
                job.subscription(), failure.isPresent() ? "failed: " + failure.get() : "done", job.shared(),
                job.skipped());
    }

    private BackfillJob job(String id, JobKind kind, Subscription subscription, String trigger, String requestedBy,
            ProposedCodeTable proposed) {
        int partitions = recordsTopic.partitions();
        if (partitions == 0) {
            throw new Unavailable("fillonce.records does not exist yet: nothing to backfill before intake created it");
        }
        return BackfillJob.started(id, kind, clock.instant())
                .sharing(subscription.id(), subscription.department(), subscription.recordType())
                .startedBy(trigger, requestedBy).over(partitions, position.snapshot()).proposing(proposed);
    }

    private static CustomizableThreadFactory sweeperThread() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("backfill-sweep-");
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
    }
}
