package io.fillonce.sync.backfill;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Backfill jobs in MongoDB. Every change is one conditional single-document write: progress and the end are
 * written only by the job's current owner while it is RUNNING, and an abandoned job is taken over by whoever
 * first finds its heartbeat stale, so two instances never both work one job.
 */
@Repository
class BackfillJobs {

    private final MongoTemplate mongo;

    BackfillJobs(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Stores a new job; false when a job with its id exists already. */
    boolean create(BackfillJob job) {
        try {
            mongo.insert(job);
            return true;
        }
        catch (DuplicateKeyException e) {
            return false;
        }
    }

    boolean exists(String id) {
        return mongo.exists(query(where("_id").is(id)), BackfillJob.class);
    }

    Optional<BackfillJob> find(String id) {
        return Optional.ofNullable(mongo.findById(id, BackfillJob.class));
    }

    /** Jobs by id, after the cursor (an id), optionally of one subscription. */
    List<BackfillJob> page(String subscription, String after, int limit) {
        Criteria jobs = after == null ? new Criteria() : where("_id").gt(after);
        if (subscription != null) {
            jobs = jobs.and("subscription").is(subscription);
        }
        return mongo.find(query(jobs).with(Sort.by("_id")).limit(limit), BackfillJob.class);
    }

    Optional<BackfillJob> running(String subscription, JobKind kind) {
        return Optional.ofNullable(mongo.findOne(query(where("subscription").is(subscription).and("kind").is(kind)
                .and("state").is(JobState.RUNNING)), BackfillJob.class));
    }

    /** RUNNING jobs whose heartbeat is older than {@code staleBefore}: their owner is gone. */
    List<BackfillJob> abandoned(Instant staleBefore) {
        return mongo.find(query(where("state").is(JobState.RUNNING).and("heartbeat").lt(staleBefore)),
                BackfillJob.class);
    }

    /** Takes an abandoned job over; empty when another instance was faster or it is no longer abandoned. */
    Optional<BackfillJob> takeOver(String id, Instant staleBefore, String owner, Instant now) {
        return Optional.ofNullable(mongo.findAndModify(query(where("_id").is(id).and("state").is(JobState.RUNNING)
                        .and("heartbeat").lt(staleBefore)), new Update().set("owner", owner).set("heartbeat", now),
                FindAndModifyOptions.options().returnNew(true), BackfillJob.class));
    }

    /** Records one batch done; false when this instance no longer owns the running job. */
    boolean progressed(String id, String owner, String cursor, long enqueued, long skipped, Instant now) {
        return mongo.updateFirst(owned(id, owner), new Update().set("cursor", cursor).inc("enqueued", enqueued)
                .inc("skipped", skipped).set("heartbeat", now), BackfillJob.class).getModifiedCount() == 1;
    }

    /** Ends the first pass: the settle pass starts at {@code settleAt} from the first entity; empty when not owned. */
    Optional<BackfillJob> settling(String id, String owner, Instant settleAt, Instant now) {
        return Optional.ofNullable(mongo.findAndModify(owned(id, owner), new Update().set("phase", JobPhase.SETTLING)
                        .set("settleAt", settleAt).unset("cursor").set("heartbeat", now),
                FindAndModifyOptions.options().returnNew(true), BackfillJob.class));
    }

    /** Records one batch of the settle pass done; false when this instance no longer owns the running job. */
    boolean checked(String id, String owner, String cursor, long checked, long settled, Instant now) {
        return mongo.updateFirst(owned(id, owner), new Update().set("cursor", cursor).inc("checked", checked)
                .inc("settled", settled).set("heartbeat", now), BackfillJob.class).getModifiedCount() == 1;
    }

    void finished(String id, String owner, JobState state, String error, Instant now) {
        mongo.updateFirst(owned(id, owner), new Update().set("state", state).set("error", error)
                .set("finishedAt", now).set("heartbeat", now), BackfillJob.class);
    }

    /** At shutdown: this instance's running jobs may be taken over at once. */
    void release(String owner) {
        mongo.updateMulti(query(where("owner").is(owner).and("state").is(JobState.RUNNING)),
                new Update().set("heartbeat", Instant.EPOCH), BackfillJob.class);
    }

    private static org.springframework.data.mongodb.core.query.Query owned(String id, String owner) {
        return query(where("_id").is(id).and("owner").is(owner).and("state").is(JobState.RUNNING));
    }
}
