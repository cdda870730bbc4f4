package io.fillonce.intake.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.fillonce.intake.IntakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A bulk upload whose instance died must not stay RUNNING forever: the instance working through a job renews its
 * {@code heartbeatAt} (see {@link BatchJobs#heartbeat()}); any instance marks a RUNNING job whose heartbeat is older
 * than {@code fillonce.intake.jobs.stale-after} FAILED, telling the client how far it got and what to do. The
 * spooled file lived on the dead instance's disk, so the job is not resumed.
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

    @Scheduled(fixedDelayString = "${fillonce.intake.jobs.check-interval:30s}")
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

    /** Marks every RUNNING job without a recent heartbeat FAILED; the number of jobs marked. */
    int failStale() {
        Instant cutoff = clock.instant().minus(staleAfter);
        int failed = 0;
        for (BatchJobDocument job : mongo.find(Query.query(stale(cutoff)), BatchJobDocument.class)) {
            // only while still stale: its instance may have renewed the heartbeat, or another watch got there first
            Query stillStale = Query.query(Criteria.where("_id").is(job.id())).addCriteria(stale(cutoff));
            Update fail = new Update().set("state", BatchJobDocument.State.FAILED).set("finishedAt", clock.instant())
                    .set("detail", detail(job));
            failed += (int) mongo.updateFirst(stillStale, fail, BatchJobDocument.class).getModifiedCount();
        }
        return failed;
    }

    private static Criteria stale(Instant cutoff) {
        return Criteria.where("state").is(BatchJobDocument.State.RUNNING).orOperator(
                Criteria.where("heartbeatAt").lt(cutoff),
                Criteria.where("heartbeatAt").is(null).and("createdAt").lt(cutoff));
    }

    static String detail(BatchJobDocument job) {
        String total = job.linesTotal() == null ? "" : " of " + job.linesTotal();
        return "The instance processing this upload stopped; at least " + job.linesRead() + total
                + " lines were processed; re-upload the remaining lines or the whole file "
                + "(accepted lines are idempotent: identical records make no new version).";
    }
}
