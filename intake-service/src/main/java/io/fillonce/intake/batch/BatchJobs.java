package io.fillonce.intake.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.Submissions;
import io.fillonce.intake.registry.RecordType;
import jakarta.annotation.PreDestroy;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Bulk uploads as jobs: the body is spooled to a temporary file (bounded by {@code max-batch-bytes}, never held in
 * memory), a job document is stored as RUNNING and the lines are worked through in the background; any instance
 * answers for the job from MongoDB. A job whose instance dies stays RUNNING (resuming it is not built).
 */
@Service
class BatchJobs {

    private static final int BUFFER = 64 * 1024;

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
        Path upload = spool(body);
        BatchJobDocument job = mongo.insert(new BatchJobDocument("job-" + UUID.randomUUID(), type.name(),
                format.name().toLowerCase(), principal, BatchJobDocument.State.RUNNING, 0, 0, 0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null));
        Submissions.Conditions conditions = new Submissions.Conditions(schemaVersion,
                io.fillonce.intake.record.IfMatch.NONE, BatchLines.CHANNEL);
        workers.execute(() -> runner.run(job.id(), type, format, principal, upload, conditions));
        return job;
    }

    BatchJobView view(String id, int page, int size) {
        BatchJobDocument job = mongo.findById(id, BatchJobDocument.class);
        if (job == null) {
            throw new UnknownBatchJob(id);
        }
        var results = size == 0 ? java.util.List.<BatchJobView.LineView>of() : mongo.find(Query.query(Criteria.where("jobId").is(id)).with(Sort.by("line"))
                .skip((long) page * size).limit(size), LineResult.class).stream()
                .map(result -> new BatchJobView.LineView(result.line(), result.status(), result.entityKey(),
                        result.version(), result.problem()))
                .toList();
        return new BatchJobView(job.id(), job.type(), job.format(), job.state().name(), job.linesRead(),
                job.accepted(), job.rejected(), job.createdAt(), job.finishedAt(), job.detail(), page, size, results);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private Path spool(InputStream body) throws IOException {
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
            }
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upload);
            throw e;
        }
        return upload;
    }
}
