package io.fillonce.intake.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.Submissions;
import io.fillonce.intake.registry.RecordType;
import io.fillonce.telemetry.Traces;
import io.fillonce.web.Paging;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Bulk uploads as jobs: the body is spooled to a temporary file (bounded by {@code max-batch-bytes}, never held in
 * memory; an XLSX upload's head is checked before it is accepted, see {@link XlsxUploads#check}), a job document
 * is stored as RUNNING and the lines are worked through in the background; any instance answers for the job from
 * MongoDB. While this instance works through a job it renews the job's heartbeat; a job whose instance died is
 * marked FAILED by {@link BatchJobWatch} (its spool file died with it: no resuming).
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

    private final Traces traces;

    private final XlsxUploads xlsx;

    private final long maxBytes;

    /** Uploads running or waiting on this instance, by caller (guarded by itself). */
    private final Map<String, Integer> uploadsOf = new HashMap<>();

    private final int maxPerInstance;

    private final int maxPerCaller;

    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "bulk-upload");
        thread.setDaemon(true);
        return thread;
    });

    BatchJobs(MongoTemplate mongo, Submissions submissions, BatchRunner runner, Traces traces,
            XlsxUploads xlsx, IntakeProperties properties) {
        this.mongo = mongo;
        this.submissions = submissions;
        this.runner = runner;
        this.traces = traces;
        this.xlsx = xlsx;
        this.maxBytes = properties.maxBatchBytes().toBytes();
        this.maxPerInstance = properties.jobs().maxPerInstance();
        this.maxPerCaller = properties.jobs().maxPerCaller();
    }

    BatchJobDocument start(String typeName, BatchFormat format, VerifiedCaller caller, String schemaVersion,
            InputStream body) throws IOException {
        RecordType type = submissions.recordType(typeName, schemaVersion);
        String principal = caller.principal();
        admit(principal);
        boolean handedOver = false;
        try {
            RecordCounter counter = new RecordCounter(format);
            Path upload = spool(body, counter);
            Long total = format == BatchFormat.XLSX ? checked(upload, type) : counter.records();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String id = "job-" + UUID.randomUUID();
            mongo.insert(new RunningJob(id, now));
            BatchJobDocument job = mongo.insert(new BatchJobDocument(id, type.name(),
                    format.name().toLowerCase(), principal, BatchJobDocument.State.RUNNING, 0, 0, 0, total,
                    now, null, null, owner, now, BatchRunner.RESULTS_PER_PAGE, traces.currentTraceparent()));
            running.add(job.id());
            workers.execute(() -> {
                try {
                    runner.run(job, type, format, caller, upload);
                }
                finally {
                    running.remove(job.id());
                    release(principal);
                }
            });
            handedOver = true;
            return job;
        }
        finally {
            if (!handedOver) {
                release(principal);
            }
        }
    }

    /** The record rows an XLSX upload declares, once its head shows it can be read; else it is deleted, refused. */
    private Long checked(Path upload, RecordType type) throws IOException {
        try {
            return xlsx.check(upload, type).declaredRows();
        }
        catch (RuntimeException e) {
            Files.deleteIfExists(upload);
            throw e;
        }
    }

    /** Takes a place for one more upload of {@code principal}, or refuses it before anything is read. */
    private void admit(String principal) {
        synchronized (uploadsOf) {
            int mine = uploadsOf.getOrDefault(principal, 0);
            if (mine >= maxPerCaller) {
                throw UploadsBusy.forCaller(maxPerCaller);
            }
            int all = uploadsOf.values().stream().mapToInt(Integer::intValue).sum();
            if (all >= maxPerInstance) {
                throw UploadsBusy.forInstance(maxPerInstance);
            }
            uploadsOf.put(principal, mine + 1);
        }
    }

    private void release(String principal) {
        synchronized (uploadsOf) {
            uploadsOf.computeIfPresent(principal, (who, count) -> count > 1 ? count - 1 : null);
        }
    }

    /**
     * One page of a job's results; a job of another record type is unknown under this one, and so is another
     * caller's job, unless the caller sees everyone's (OPS, ADMIN).
     */
    BatchJobView view(String type, String id, Paging paging, VerifiedCaller caller) {
        long from = paging.afterPosition();
        BatchJobDocument job = visibleJob(type, id, caller);
        List<BatchJobView.LineView> results = results(job, from, paging.limit()).stream()
                .map(result -> new BatchJobView.LineView(result.line(), result.status(), result.entityKey(),
                        result.version(), result.problem()))
                .toList();
        return new BatchJobView(job.id(), job.type(), job.format(), job.state().name(), job.linesRead(),
                job.linesTotal(), job.accepted(), job.rejected(), job.createdAt(), job.finishedAt(), job.detail(),
                results, next(job, from + results.size()));
    }

    /**
     * The results' cursor after a page ending at result {@code to}: how many results come before the next page; none
     * once the job is over and every result is read. A running job always has one (its results are still written).
     */
    private static String next(BatchJobDocument job, long to) {
        boolean more = to < job.linesRead() || job.state() == BatchJobDocument.State.RUNNING;
        return more ? Long.toString(to) : null;
    }

    /** The job, if it is of {@code type} and the caller's own (or the caller sees everyone's); else unknown. */
    BatchJobDocument visibleJob(String type, String id, VerifiedCaller caller) {
        BatchJobDocument job = mongo.findById(id, BatchJobDocument.class);
        if (job == null || !job.type().equals(type)
                || !seesEveryonesUploads(caller) && !caller.principal().equals(job.submittedBy())) {
            throw new UnknownBatchJob(type, id);
        }
        return job;
    }

    /** Operators and administrators see every caller's bulk uploads; others only their own. */
    private static boolean seesEveryonesUploads(VerifiedCaller caller) {
        return caller.hasRole(VerifiedCaller.OPS) || caller.isAdmin();
    }

    /** The results {@code from .. from + size - 1} (in line order) written so far, read by result page id. */
    private List<LineResult> results(BatchJobDocument job, long from, int size) {
        long to = Math.min(from + size, job.linesRead());
        if (size == 0 || from >= to || job.resultsPerPage() == null) {
            return List.of();
        }
        int perPage = job.resultsPerPage();
        List<String> ids = LongStream.rangeClosed(from / perPage, (to - 1) / perPage)
                .mapToObj(page -> ResultPage.idOf(job.id(), page)).toList();
        Map<String, ResultPage> pages = mongo.find(Query.query(Criteria.where("_id").in(ids)), ResultPage.class)
                .stream().collect(Collectors.toMap(ResultPage::id, Function.identity()));
        List<LineResult> results = new ArrayList<>();
        for (String pageId : ids) {
            results.addAll(pages.containsKey(pageId) ? pages.get(pageId).results() : List.of());
        }
        long first = from - (from / perPage) * perPage;
        return results.subList((int) Math.min(first, results.size()), (int) Math.min(first + (to - from),
                results.size()));
    }

    /** Tells every instance that the jobs this one works through are alive. */
    @Scheduled(fixedDelayString = "#{" + IntakeProperties.BOUND + ".jobs().heartbeatInterval().toMillis()}")
    void heartbeat() {
        if (running.isEmpty()) {
            return;
        }
        try {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(Set.copyOf(running))),
                    new Update().set("heartbeatAt", Instant.now()), RunningJob.class);
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
