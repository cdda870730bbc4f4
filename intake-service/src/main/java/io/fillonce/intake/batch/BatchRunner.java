package io.fillonce.intake.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fillonce.intake.record.Submissions;
import io.fillonce.intake.registry.RecordType;
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
 * Works through one spooled upload line by line (never the whole file in memory): each line is submitted like a
 * single record (channel {@code batch}); results are written in chunks and the job's counts updated after each.
 */
@Component
class BatchRunner {

    static final int CHUNK = 200;

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    private final CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

    private final MongoTemplate mongo;

    private final BatchLines lines;

    BatchRunner(MongoTemplate mongo, BatchLines lines) {
        this.mongo = mongo;
        this.lines = lines;
    }

    void run(String jobId, RecordType type, BatchFormat format, String principal, Path upload,
            Submissions.Conditions conditions) {
        Progress progress = new Progress(jobId);
        try (BufferedReader reader = Files.newBufferedReader(upload, StandardCharsets.UTF_8)) {
            if (format == BatchFormat.CSV) {
                csv(reader, type, principal, conditions, progress);
            }
            else {
                ndjson(reader, type, principal, conditions, progress);
            }
            progress.finish(BatchJobDocument.State.DONE, null);
        }
        catch (IOException | RuntimeException e) {
            log.warn("Bulk upload {} stopped: {}", jobId, e.getMessage());
            progress.finish(BatchJobDocument.State.FAILED, "The upload could not be read to its end after "
                    + progress.linesRead + " lines: " + e.getMessage());
        }
        finally {
            delete(upload);
        }
    }

    private void ndjson(BufferedReader reader, RecordType type, String principal, Submissions.Conditions conditions,
            Progress progress) throws IOException {
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (!line.isBlank()) {
                progress.add(lines.ndjson(progress.jobId, lineNumber, line, type, principal, conditions));
            }
        }
    }

    private void csv(BufferedReader reader, RecordType type, String principal, Submissions.Conditions conditions,
            Progress progress) {
        try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(reader)) {
            if (!rows.hasNextValue()) {
                return;
            }
            CsvColumns columns = new CsvColumns(rows.nextValue(), type.schema().getSchemaNode());
            long row = 0;
            while (rows.hasNextValue()) {
                row++;
                progress.add(lines.record(progress.jobId, row, columns.record(rows.nextValue()), type, principal,
                        conditions));
            }
        }
    }

    private static void delete(Path upload) {
        try {
            Files.deleteIfExists(upload);
        }
        catch (IOException e) {
            log.warn("Could not delete the spooled upload {}: {}", upload, e.getMessage());
        }
    }

    /** Counts and the chunk of results not yet written. */
    private final class Progress {

        private final String jobId;

        private final List<LineResult> chunk = new ArrayList<>(CHUNK);

        private long linesRead;

        private long accepted;

        private long rejected;

        Progress(String jobId) {
            this.jobId = jobId;
        }

        void add(LineResult result) {
            chunk.add(result);
            linesRead++;
            if (result.accepted()) {
                accepted++;
            }
            else {
                rejected++;
            }
            if (chunk.size() >= CHUNK) {
                flush(new Update());
            }
        }

        void finish(BatchJobDocument.State state, String detail) {
            flush(new Update().set("state", state).set("finishedAt", Instant.now()).set("detail", detail));
        }

        private void flush(Update update) {
            if (!chunk.isEmpty()) {
                mongo.insertAll(List.copyOf(chunk));
                chunk.clear();
            }
            mongo.updateFirst(Query.query(Criteria.where("_id").is(jobId)), update.set("linesRead", linesRead)
                    .set("accepted", accepted).set("rejected", rejected), BatchJobDocument.class);
        }
    }
}
