package io.fillonce.intake.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import io.fillonce.intake.IntakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A bulk upload whose instance died must not stay RUNNING forever: the instance working through a job renews the
 * heartbeat of its {@link RunningJob} (see {@link BatchJobs#heartbeat()}); any instance marks a job whose heartbeat
 * is older than {@code fillonce.intake.jobs.stale-after} FAILED, telling the client how far it got and what to do.
 * The spooled file lived on the dead instance's disk, so the job is not resumed.
 * <p>
 * The periodic check reads {@code batch_running} only (what is running), never all jobs; it takes a job out of it
 * only while its heartbeat is still the stale one it read, and fails the job only while it is RUNNING (a unique
 * {@code {_id, state}} index keeps that update index-backed). Jobs stored before jobs were listed there are listed
 * once at start-up, with their last heartbeat, and then failed the same way.
 */
@Component
class BatchJobWatch {

    private static final Logger log = LoggerFactory.getLogger(BatchJobWatch.class);

    private final MongoTemplate mongo;

    private final Duration staleAfter;

    private final Clock clock;

    @Autowired
    BatchJobWatch(MongoTemplate mongo, IntakeProperties properties) {
        this(mongo, properties.jobs().staleAfter(), Clock.systemUTC());
    }

    BatchJobWatch(MongoTemplate mongo, Duration staleAfter, Clock clock) {
        this.mongo = mongo;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "#{" + IntakeProperties.BOUND + ".jobs().checkInterval().toMillis()}")
    void check() {
        try {
            int failed = failStale();
            if (failed > 0) {
                log.warn("Marked {} bulk upload(s) FAILED: the instance processing them stopped", failed);
            }
        }
        catch (DataAccessException e) {
            log.warn("Could not look for abandoned bulk uploads: {}", e.getMessage());
        }
    }

    /** Marks every running job without a recent heartbeat FAILED; the number of jobs marked. */
    int failStale() {
        Instant cutoff = clock.instant().minus(staleAfter);
        int failed = 0;
        for (RunningJob running : mongo.findAll(RunningJob.class)) {
            if (!running.heartbeatAt().isBefore(cutoff) || !unlist(running)) {
                continue; // alive, or its instance renewed the heartbeat meanwhile, or another watch got there first
            }
            BatchJobDocument job = mongo.findById(running.id(), BatchJobDocument.class);
            if (job != null) {
                Update fail = new Update().set("state", BatchJobDocument.State.FAILED)
                        .set("finishedAt", clock.instant()).set("detail", detail(job));
                failed += (int) mongo.updateFirst(Query.query(Criteria.where("_id").is(job.id()).and("state")
                        .is(BatchJobDocument.State.RUNNING)), fail, BatchJobDocument.class).getModifiedCount();
            }
        }
        return failed;
    }

    /** Once, at start-up: lists the RUNNING jobs stored before jobs were listed as running (a one-off scan). */
    @EventListener(ApplicationReadyEvent.class)
    void listEarlierJobs() {
        try {
            Set<String> listed = mongo.findAll(RunningJob.class).stream().map(RunningJob::id)
                    .collect(Collectors.toSet());
            for (BatchJobDocument job : mongo.find(Query.query(Criteria.where("state")
                    .is(BatchJobDocument.State.RUNNING)), BatchJobDocument.class)) {
                if (!listed.contains(job.id())) {
                    list(job);
                }
            }
        }
        catch (DataAccessException e) {
            log.warn("Could not look for bulk uploads stored before running jobs were listed: {}", e.getMessage());
        }
    }

    private void list(BatchJobDocument job) {
        try {
            mongo.insert(new RunningJob(job.id(), job.heartbeatAt() != null ? job.heartbeatAt() : job.createdAt()));
        }
        catch (DuplicateKeyException listedMeanwhile) {
            // another instance starting at the same time listed it
        }
    }

    private boolean unlist(RunningJob running) {
        return mongo.remove(Query.query(Criteria.where("_id").is(running.id()).and("heartbeatAt")
                .is(running.heartbeatAt())), RunningJob.class).getDeletedCount() > 0;
    }

    static String detail(BatchJobDocument job) {
        String total = job.linesTotal() == null ? "" : " of " + job.linesTotal();
        return "The instance processing this upload stopped; at least " + job.linesRead() + total
                + " lines were processed; re-upload the remaining lines or the whole file "
                + "(accepted lines are idempotent: identical records make no new version).";
    }
}
