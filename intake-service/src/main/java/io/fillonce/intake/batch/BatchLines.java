package io.fillonce.intake.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.BulkSubmissions;
import io.fillonce.intake.record.OutsideRegion;
import io.fillonce.intake.record.RecordCounts;
import io.fillonce.intake.record.RecordErased;
import io.fillonce.intake.record.RecordRejected;
import io.fillonce.intake.record.RecordRetracted;
import io.fillonce.intake.record.SubmissionConflict;
import io.fillonce.intake.registry.RecordType;
import io.fillonce.web.FieldProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Lines of a bulk upload, gathered into chunks that are stored together ({@link BulkSubmissions}); each line gets
 * the answer the single endpoint would have given it.
 */
@Component
class BatchLines {

    static final String CHANNEL = "batch";

    private static final String TYPES = "https://fillonce.io/problems/";

    private final BulkSubmissions submissions;

    private final RecordCounts counts;

    private final ObjectReader reader;

    private final long maxRecordBytes;

    BatchLines(BulkSubmissions submissions, RecordCounts counts, JsonMapper json, IntakeProperties properties) {
        this.submissions = submissions;
        this.counts = counts;
        this.reader = json.readerFor(JsonNode.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.maxRecordBytes = properties.maxRecordBytes().toBytes();
    }

    /** The longest line held in memory: {@code max-record-bytes}, as characters. */
    int maxLineChars() {
        return (int) Math.min(Integer.MAX_VALUE - 8, maxRecordBytes);
    }

    /** A chunk of {@code type} records by {@code caller}; its versions' events carry {@code traceparent}. */
    Chunk chunk(RecordType type, VerifiedCaller caller, String traceparent) {
        return new Chunk(type, caller, traceparent);
    }

    /** The lines of one chunk, in line order: records to store, and lines refused before that. */
    final class Chunk {

        private final RecordType type;

        private final VerifiedCaller caller;

        private final String traceparent;

        private final List<Long> lines = new ArrayList<>();

        private final List<LineResult> refused = new ArrayList<>();

        private final List<ObjectNode> records = new ArrayList<>();

        private long bytes;

        Chunk(RecordType type, VerifiedCaller caller, String traceparent) {
            this.type = type;
            this.caller = caller;
            this.traceparent = traceparent;
        }

        int lines() {
            return lines.size();
        }

        long bytes() {
            return bytes;
        }

        /** One NDJSON line; {@link BoundedLines#TOO_LONG} for a line over {@code max-record-bytes}. */
        void ndjson(long line, String text) {
            if (text == BoundedLines.TOO_LONG || text.length() > maxRecordBytes) {
                refuse(line, refused(line, 413, "record-too-large", "Record too large",
                        "The line is larger than the " + maxRecordBytes + " bytes accepted for one record.", null));
                return;
            }
            bytes += text.length();
            JsonNode node;
            try {
                node = reader.readValue(text);
            }
            catch (JacksonException e) {
                refuse(line, refused(line, 400, "malformed-record", "Malformed record",
                        "The line is not valid JSON: " + e.getOriginalMessage(), null));
                return;
            }
            if (node instanceof ObjectNode record) {
                record(line, record);
            }
            else {
                refuse(line, refused(line, 400, "malformed-record", "Malformed record", "Each line must be a JSON "
                        + "object, but this one is a JSON " + node.getNodeType().name().toLowerCase() + ".", null));
            }
        }

        /** A spreadsheet row longer than {@code max-record-bytes}, refused as an NDJSON line would be. */
        void tooLong(long line) {
            refuse(line, refused(line, 413, "record-too-large", "Record too large",
                    "The row is larger than the " + maxRecordBytes + " bytes accepted for one record.", null));
        }

        void record(long line, ObjectNode record) {
            lines.add(line);
            refused.add(null);
            records.add(record);
        }

        /** Stores the chunk's records; every line's result, in line order (refusals counted by their problem). */
        List<LineResult> store() {
            if (lines.isEmpty()) {
                return List.of();
            }
            List<BulkSubmissions.Outcome> outcomes = submissions.submit(type,
                    records.stream().filter(Objects::nonNull).toList(), caller, CHANNEL, traceparent);
            List<LineResult> results = new ArrayList<>(lines.size());
            int next = 0;
            for (int i = 0; i < lines.size(); i++) {
                results.add(records.get(i) == null ? refused.get(i)
                        : result(lines.get(i), outcomes.get(next++), records.get(i)));
            }
            results.stream().filter(result -> result.problem() != null).forEach(result -> counts.rejected(type.name(),
                    result.problem().type().substring(TYPES.length())));
            return results;
        }

        private void refuse(long line, LineResult result) {
            lines.add(line);
            refused.add(result);
            records.add(null);
        }
    }

    /** An accepted line's result; a refused one's with the record's values (for the job's rejected rows). */
    private static LineResult result(long line, BulkSubmissions.Outcome outcome, ObjectNode record) {
        if (outcome.submission() != null) {
            return new LineResult(line, outcome.submission().created() ? 201 : 200,
                    outcome.submission().receipt().entityKey(), outcome.submission().receipt().version(), null);
        }
        return refusal(line, outcome).withValues(record.toString());
    }

    private static LineResult refusal(long line, BulkSubmissions.Outcome outcome) {
        RuntimeException refusal = outcome.refusal();
        if (refusal instanceof RecordRejected rejected) {
            return refused(line, 422, "validation", "Record does not match its schema", rejected.getMessage(),
                    rejected.violations());
        }
        if (refusal instanceof OutsideRegion outside) {
            return refused(line, 403, "outside-region", "Outside your region", outside.getMessage(),
                    outside.violations());
        }
        if (refusal instanceof RecordErased) {
            return refused(line, 409, "erased", "Being erased", refusal.getMessage(), null);
        }
        if (refusal instanceof RecordRetracted) {
            return refused(line, 409, "retracted", "Retracted", refusal.getMessage(), null);
        }
        if (refusal instanceof SubmissionConflict) {
            return refused(line, 409, "concurrent-submissions", "Concurrent submissions", refusal.getMessage(), null);
        }
        if (refusal instanceof DataAccessException) {
            return refused(line, 503, "storage-unavailable", "Storage unavailable",
                    "The record store could not be reached for this line; submit it again.", null);
        }
        throw refusal;
    }

    private static LineResult refused(long line, int status, String type, String title, String detail,
            List<FieldProblem> errors) {
        return new LineResult(line, status, null, null, new LineResult.Problem(TYPES + type, title, status, detail,
                errors));
    }
}
