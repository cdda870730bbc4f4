package io.fillonce.intake.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.fillonce.intake.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Jobs whose instance stopped are failed with a detail a client can act on; live and finished jobs are left be. */
class BatchJobWatchTests {

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private MongoTemplate mongo;

    @BeforeEach
    void emptyStore() {
        mongo = MONGO.emptyDatabase("batch-watch-tests");
    }

    @Test
    void failsARunningJobWhoseHeartbeatIsOlderThanTheTimeoutAndSaysHowFarItGot() {
        store("job-dead", BatchJobDocument.State.RUNNING, NOW.minusSeconds(121));

        assertThat(watch().failStale()).isEqualTo(1);

        BatchJobDocument job = mongo.findById("job-dead", BatchJobDocument.class);
        assertThat(job.state()).isEqualTo(BatchJobDocument.State.FAILED);
        assertThat(job.finishedAt()).isEqualTo(NOW);
        assertThat(job.detail()).isEqualTo("The instance processing this upload stopped; at least 400 of 1000 lines "
                + "were processed; re-upload the remaining lines or the whole file (accepted lines are idempotent: "
                + "identical records make no new version).");
    }

    @Test
    void leavesJobsWithARecentHeartbeatAndFinishedJobsAsTheyAre() {
        store("job-alive", BatchJobDocument.State.RUNNING, NOW.minusSeconds(30));
        store("job-done", BatchJobDocument.State.DONE, NOW.minusSeconds(3600));

        assertThat(watch().failStale()).isZero();

        assertThat(mongo.findById("job-alive", BatchJobDocument.class).state())
                .isEqualTo(BatchJobDocument.State.RUNNING);
        assertThat(mongo.findById("job-done", BatchJobDocument.class).state()).isEqualTo(BatchJobDocument.State.DONE);
    }

    @Test
    void takesAFailedJobOffTheRunningListSoTheNextCheckReadsNothingOfIt() {
        store("job-dead", BatchJobDocument.State.RUNNING, NOW.minusSeconds(121));

        watch().failStale();

        assertThat(mongo.findAll(RunningJob.class)).isEmpty();
        assertThat(watch().failStale()).isZero();
    }

    @Test
    void failsAnOldRunningJobStoredBeforeHeartbeatsExisted() {
        mongo.getCollection(BatchJobDocument.COLLECTION).insertOne(new Document("_id", "job-old")
                .append("type", "resident").append("format", "csv").append("submittedBy", "cadre:c-1")
                .append("state", "RUNNING").append("linesRead", 7L).append("accepted", 7L).append("rejected", 0L)
                .append("createdAt", java.util.Date.from(NOW.minus(1, ChronoUnit.DAYS))));

        watch().listEarlierJobs();
        assertThat(watch().failStale()).isEqualTo(1);

        assertThat(mongo.findById("job-old", BatchJobDocument.class).detail()).startsWith("The instance processing this upload stopped; at least 7 lines were processed;");
    }

    private BatchJobWatch watch() {
        return new BatchJobWatch(mongo, Duration.ofMinutes(2), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void store(String id, BatchJobDocument.State state, Instant heartbeat) {
        mongo.insert(new BatchJobDocument(id, "resident", "ndjson", "cadre:c-1", state, 400, 390, 10, 1000L,
                NOW.minus(1, ChronoUnit.HOURS), null, null, "intake-gone", NOW.minus(1, ChronoUnit.HOURS), 500,
                null));
        if (state == BatchJobDocument.State.RUNNING) {
            mongo.insert(new RunningJob(id, heartbeat));
        }
    }
}
