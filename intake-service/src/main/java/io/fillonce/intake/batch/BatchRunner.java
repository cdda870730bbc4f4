package io.fillonce.intake.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.registry.RecordType;
import io.fillonce.telemetry.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Works through one spooled upload in chunks (at most {@code chunk-lines} records or {@code chunk-bytes} of them,
 * never the whole file in memory): each chunk is stored in bulk ({@link BatchLines.Chunk#store()}), then its
 * results are written to the job's {@link ResultPage}s and the job's counts updated, so a client sees progress
 * chunk by chunk. The work is a span of the upload request's trace, whose {@code traceparent} the versions' events
 * carry. An XLSX upload is read streaming ({@link XlsxUploads}), its rows handed on as CSV rows are. A refused
 * line's values are kept in its result (for the job's rejected.xlsx), up to {@code kept-rejected-bytes} per job.
 */
@Component
class BatchRunner {

    static final int RESULTS_PER_PAGE = 500;

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    private final CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

    private final MongoTemplate mongo;

    private final BatchLines lines;

    private final Traces traces;

    private final XlsxUploads xlsx;

    private final int chunkLines;

    private final long keptRejectedBytes;

    private final long chunkBytes;

    BatchRunner(MongoTemplate mongo, BatchLines lines, Traces traces, XlsxUploads xlsx,
            IntakeProperties properties) {
        this.mongo = mongo;
        this.lines = lines;
        this.traces = traces;
        this.xlsx = xlsx;
        this.keptRejectedBytes = properties.jobs().keptRejectedBytes().toBytes();
        this.chunkLines = properties.jobs().chunkLines();
        this.chunkBytes = properties.jobs().chunkBytes().toBytes();
    }

    void run(BatchJobDocument job, RecordType type, BatchFormat format, VerifiedCaller caller, Path upload) {
        traces.continued(job.traceparent(), "bulk-upload", () -> work(job.id(), type, format,
                () -> lines.chunk(type, caller, job.traceparent()), upload));
    }

    private void work(String jobId, RecordType type, BatchFormat format, Supplier<BatchLines.Chunk> chunks,
            Path upload) {
        Progress progress = new Progress(jobId);
        try {
            if (format == BatchFormat.XLSX) {
                xlsx(upload, type, chunks, progress);
            }
            else {
                try (BufferedReader reader = Files.newBufferedReader(upload, StandardCharsets.UTF_8)) {
                    if (format == BatchFormat.CSV) {
                        csv(reader, type, chunks, progress);
                    }
                    else {
                        ndjson(reader, chunks, progress);
                    }
                }
            }
            progress.finish(BatchJobDocument.State.DONE, null);
        }
        catch (IOException | RuntimeException e) {
            // the reason goes to the job (its submitter's); the log gets its kind only, as parsers quote the content
            log.warn("Bulk upload {} stopped after {} lines: {}", jobId, progress.linesRead, e.getClass().getName());
            progress.finish(BatchJobDocument.State.FAILED, "The upload could not be read to its end after "
                    + progress.linesRead + " lines: " + e.getMessage());
        }
        finally {
            delete(upload);
        }
    }

    private void ndjson(BufferedReader reader, Supplier<BatchLines.Chunk> chunks, Progress progress)
            throws IOException {
        BatchLines.Chunk chunk = chunks.get();
        BoundedLines upload = new BoundedLines(reader, lines.maxLineChars());
        long lineNumber = 0;
        for (String line = upload.next(); line != null; line = upload.next()) {
            lineNumber++;
            if (!line.isBlank()) {
                chunk.ndjson(lineNumber, line);
                chunk = storedIfFull(chunk, chunks, progress);
            }
        }
        progress.add(chunk.store());
    }

    private void csv(BufferedReader reader, RecordType type, Supplier<BatchLines.Chunk> chunks, Progress progress) {
        try (MappingIterator<String[]> rows = csv.readerFor(String[].class)
                .readValues(new CsvRowBound(reader, lines.maxLineChars()))) {
            if (!rows.hasNextValue()) {
                return;
            }
            CsvColumns columns = new CsvColumns(rows.nextValue(), type.schema().getSchemaNode());
            BatchLines.Chunk chunk = chunks.get();
            long row = 0;
            while (rows.hasNextValue()) {
                row++;
                chunk.record(row, columns.record(rows.nextValue()));
                chunk = storedIfFull(chunk, chunks, progress);
            }
            progress.add(chunk.store());
        }
    }

    /** The spreadsheet's rows, columns mapped by its path row and cells coerced as CSV cells are. */
    private void xlsx(Path upload, RecordType type, Supplier<BatchLines.Chunk> chunks, Progress progress)
            throws IOException {
        XlsxUploads.Head head = xlsx.check(upload, type);
        SheetChunks rows = new SheetChunks(new CsvColumns(head.paths(), type.schema().getSchemaNode()), chunks,
                progress);
        xlsx.read(upload, head, rows);
        progress.add(rows.chunk.store());
    }

    /** Gathers a spreadsheet's rows into chunks, storing each once it is full. */
    private final class SheetChunks implements XlsxUploads.Records {

        private final CsvColumns columns;

        private final Supplier<BatchLines.Chunk> chunks;

        private final Progress progress;

        private BatchLines.Chunk chunk;

        SheetChunks(CsvColumns columns, Supplier<BatchLines.Chunk> chunks, Progress progress) {
            this.columns = columns;
            this.chunks = chunks;
            this.progress = progress;
            this.chunk = chunks.get();
        }

        @Override
        public void record(long row, String[] cells) {
            chunk.record(row, columns.record(cells));
            chunk = storedIfFull(chunk, chunks, progress);
        }

        @Override
        public void tooLong(long row) {
            chunk.tooLong(row);
            chunk = storedIfFull(chunk, chunks, progress);
        }
    }

    /** Stores a full chunk and starts the next one; a chunk with room is returned as it is. */
    private BatchLines.Chunk storedIfFull(BatchLines.Chunk chunk, Supplier<BatchLines.Chunk> chunks,
            Progress progress) {
        if (chunk.lines() < chunkLines && chunk.bytes() < chunkBytes) {
            return chunk;
        }
        progress.add(chunk.store());
        return chunks.get();
    }

    private static void delete(Path upload) {
        try {
            Files.deleteIfExists(upload);
        }
        catch (IOException e) {
            log.warn("Could not delete the spooled upload {}: {}", upload, e.getMessage());
        }
    }

    /** Counts, and the result page being filled. */
    private final class Progress {

        private final String jobId;

        private final List<LineResult> page = new ArrayList<>(RESULTS_PER_PAGE);

        private long pageNumber;

        private long linesRead;

        private long accepted;

        private long rejected;

        private long keptBytes;

        Progress(String jobId) {
            this.jobId = jobId;
        }

        /** Writes a chunk's results (each full page once, the page still filling as it is now), then the counts. */
        void add(List<LineResult> results) {
            if (results.isEmpty()) {
                return;
            }
            for (LineResult result : results) {
                page.add(kept(result));
                linesRead++;
                if (result.accepted()) {
                    accepted++;
                }
                else {
                    rejected++;
                }
                if (page.size() == RESULTS_PER_PAGE) {
                    savePage();
                    pageNumber++;
                    page.clear();
                }
            }
            if (!page.isEmpty()) {
                savePage();
            }
            updateJob(new Update());
        }

        /** The result, without its values once the job keeps {@code kept-rejected-bytes} of them. */
        private LineResult kept(LineResult result) {
            if (result.values() == null) {
                return result;
            }
            if (keptBytes + result.values().length() > keptRejectedBytes) {
                return result.withValues(null);
            }
            keptBytes += result.values().length();
            return result;
        }

        /** Ends the job, then takes it off the running list (a crash in between leaves it to the watch). */
        void finish(BatchJobDocument.State state, String detail) {
            updateJob(new Update().set("state", state).set("finishedAt", Instant.now()).set("detail", detail));
            mongo.remove(Query.query(Criteria.where("_id").is(jobId)), RunningJob.class);
            log.info("Bulk upload {} {}: {} lines read, {} accepted, {} rejected", jobId, state, linesRead, accepted,
                    rejected);
        }

        private void savePage() {
            mongo.save(new ResultPage(ResultPage.idOf(jobId, pageNumber), List.copyOf(page)));
        }

        private void updateJob(Update update) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(jobId)), update.set("linesRead", linesRead)
                    .set("accepted", accepted).set("rejected", rejected), BatchJobDocument.class);
        }
    }
}
