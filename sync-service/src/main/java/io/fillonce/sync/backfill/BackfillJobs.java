package io.fillonce.sync.backfill;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

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
 * Backfill jobs in MongoDB. The running ones are also listed in one document ({@code backfill-running}), so the
 * fan-out's periodic look for work reads two documents by id whatever the number of jobs ever run. Every change is
 * a single-document write by {@code _id}: progress per partition, and the end once every partition is done.
 */
@Repository
class BackfillJobs {

    private static final String RUNNING = "backfill_running";
    private static final String RUNNING_ID = "running";

    private final MongoTemplate mongo;

    BackfillJobs(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Stores a new job and lists it as running; false when a job with its id exists already. */
    boolean create(BackfillJob job) {
        try {
            mongo.insert(job);
        }
        catch (DuplicateKeyException e) {
            return false;
        }
        mongo.upsert(query(where("_id").is(RUNNING_ID)), new Update().addToSet("ids", job.id()), RUNNING);
        return true;
    }

    boolean exists(String id) {
        return mongo.exists(query(where("_id").is(id)), BackfillJob.class);
    }

    Optional<BackfillJob> find(String id) {
        return Optional.ofNullable(mongo.findById(id, BackfillJob.class));
    }

    /** The jobs listed as running. */
    List<BackfillJob> running() {
        Document list = mongo.findById(RUNNING_ID, Document.class, RUNNING);
        List<String> ids = list == null ? List.of() : list.getList("ids", String.class, List.of());
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(query(where("_id").in(ids)), BackfillJob.class).stream()
                .filter(job -> job.state() == JobState.RUNNING).toList();
    }

    /** Jobs by id, after the cursor (an id), optionally of one subscription (an operator's page, not a hot path). */
    List<BackfillJob> page(String subscription, String after, int limit) {
        Criteria jobs = after == null ? new Criteria() : where("_id").gt(after);
        if (subscription != null) {
            jobs = jobs.and("subscription").is(subscription);
        }
        return mongo.find(query(jobs).with(Sort.by("_id")).limit(limit), BackfillJob.class);
    }

    Optional<BackfillJob> running(String subscription, JobKind kind) {
        return running().stream().filter(job -> job.subscription().equals(subscription) && job.kind() == kind)
                .findFirst();
    }

    /** Records one partition's progress; the job as it is now, empty when it is unknown. */
    Optional<BackfillJob> progressed(String id, int partition, BackfillJob.PartitionProgress progress, Instant now) {
        return Optional.ofNullable(mongo.findAndModify(query(where("_id").is(id)),
                new Update().set("progress." + partition, progress).set("heartbeat", now),
                FindAndModifyOptions.options().returnNew(true), BackfillJob.class));
    }

    /** Ends a running job (a job that already ended stays as it ended) and takes it off the running list. */
    void finished(BackfillJob job, JobState state, String error, Instant now) {
        if (job.state() == JobState.RUNNING) {
            mongo.updateFirst(query(where("_id").is(job.id())), new Update().set("state", state).set("error", error)
                    .set("finishedAt", now).set("heartbeat", now), BackfillJob.class);
        }
        mongo.updateFirst(query(where("_id").is(RUNNING_ID)), new Update().pull("ids", job.id()), RUNNING);
    }
}
