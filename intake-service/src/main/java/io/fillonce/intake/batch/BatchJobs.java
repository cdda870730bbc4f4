package io.fillonce.intake.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.Submissions;
import io.fillonce.intake.registry.RecordType;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Bulk uploads as jobs: the body is spooled to a temporary file (bounded by {@code max-batch-bytes}, never held in
 * memory), a job document is stored as RUNNING and the lines are worked through in the background; any instance
 * answers for the job from MongoDB. While this instance works through a job it renews the job's heartbeat; a job
 * whose instance died is marked FAILED by {@link BatchJobWatch} (its spool file died with it: no resuming).
 */
@Service
class BatchJobs {

    private static final int BUFFER = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(BatchJobs.class);

    private final String owner = "intake-" + UUID.randomUUID();

    private final Set<String> running = ConcurrentHashMap.newKeySet();

    private final MongoTemplate mongo;

    private final Submissions submissions;

    private final BatchRunner runner;

    private final long maxBytes;

    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "bulk-upload");
        thread.setDaemon(true);
        return thread;
    });

    BatchJobs(MongoTemplate mongo, Submissions submissions, BatchRunner runner, IntakeProperties properties) {
        this.mongo = mongo;
        this.submissions = submissions;
        this.runner = runner;
        this.maxBytes = properties.maxBatchBytes().toBytes();
    }

    BatchJobDocument start(String typeName, BatchFormat format, String principal, String schemaVersion,
            InputStream body) throws IOException {
        RecordType type = submissions.recordType(typeName, schemaVersion);
        RecordCounter counter = new RecordCounter(format);
        Path upload = spool(body, counter);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        BatchJobDocument job = mongo.insert(new BatchJobDocument("job-" + UUID.randomUUID(), type.name(),
                format.name().toLowerCase(), principal, BatchJobDocument.State.RUNNING, 0, 0, 0, counter.records(),
                now, null, null, owner, now));
        Submissions.Conditions conditions = new Submissions.Conditions(schemaVersion,
                io.fillonce.intake.record.IfMatch.NONE, BatchLines.CHANNEL);
        running.add(job.id());
        workers.execute(() -> {
            try {
                runner.run(job.id(), type, format, principal, upload, conditions);
            }
            finally {
                running.remove(job.id());
            }
        });
        return job;
    }

    /** One page of a job's results; a job of another record type is unknown under this one. */
    BatchJobView view(String type, String id, int page, int size) {
        BatchJobDocument job = mongo.findById(id, BatchJobDocument.class);
        if (job == null || !job.type().equals(type)) {
            throw new UnknownBatchJob(type, id);
        }
        var results = size == 0 ? java.util.List.<BatchJobView.LineView>of() : mongo.find(Query.query(Criteria.where("jobId").is(id)).with(Sort.by("line"))
                .skip((long) page * size).limit(size), LineResult.class).stream()
                .map(result -> new BatchJobView.LineView(result.line(), result.status(), result.entityKey(),
                        result.version(), result.problem()))
                .toList();
        return new BatchJobView(job.id(), job.type(), job.format(), job.state().name(), job.linesRead(),
                job.linesTotal(),
                job.accepted(), job.rejected(), job.createdAt(), job.finishedAt(), job.detail(), page, size, results);
    }

    /** Tells every instance that the jobs this one works through are alive. */
    @Scheduled(fixedDelayString = "${fillonce.intake.jobs.heartbeat-interval:10s}")
    void heartbeat() {
        if (running.isEmpty()) {
            return;
        }
        try {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(Set.copyOf(running)).and("owner").is(owner)),
                    new Update().set("heartbeatAt", Instant.now()), BatchJobDocument.class);
        }
        catch (DataAccessException e) {
            log.warn("Could not renew the heartbeat of bulk uploads {}: {}", running, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private Path spool(InputStream body, RecordCounter counter) throws IOException {
        Path upload = Files.createTempFile("fillonce-upload-", ".part");
        try (OutputStream out = Files.newOutputStream(upload)) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw new BatchTooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
                counter.accept(buffer, read);
            }
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upload);
            throw e;
        }
        return upload;
    }
}
