package io.fillonce.intake.batch;

import java.util.List;

import io.fillonce.intake.record.FieldViolation;
import io.fillonce.intake.record.RecordRejected;
import io.fillonce.intake.record.Submission;
import io.fillonce.intake.record.SubmissionConflict;
import io.fillonce.intake.record.Submissions;
import io.fillonce.intake.registry.RecordType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/** Submits one line of a bulk upload, exactly as the single endpoint would, and describes what became of it. */
@Component
class BatchLines {

    static final String CHANNEL = "batch";

    private static final String TYPES = "https://fillonce.io/problems/";

    private final Submissions submissions;

    private final ObjectReader reader;

    private final long maxRecordBytes;

    BatchLines(Submissions submissions, JsonMapper json, io.fillonce.intake.IntakeProperties properties) {
        this.submissions = submissions;
        this.reader = json.readerFor(JsonNode.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.maxRecordBytes = properties.maxRecordBytes().toBytes();
    }

    LineResult ndjson(String jobId, long line, String text, RecordType type, String principal,
            Submissions.Conditions conditions) {
        if (text.length() > maxRecordBytes) {
            return refused(jobId, line, 413, "record-too-large", "Record too large",
                    "The line is larger than the " + maxRecordBytes + " bytes accepted for one record.", null);
        }
        JsonNode node;
        try {
            node = reader.readValue(text);
        }
        catch (JacksonException e) {
            return refused(jobId, line, 400, "malformed-record", "Malformed record",
                    "The line is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (!(node instanceof ObjectNode record)) {
            return refused(jobId, line, 400, "malformed-record", "Malformed record",
                    "Each line must be a JSON object, but this one is a JSON " + node.getNodeType().name().toLowerCase()
                            + ".", null);
        }
        return record(jobId, line, record, type, principal, conditions);
    }

    LineResult record(String jobId, long line, ObjectNode record, RecordType type, String principal,
            Submissions.Conditions conditions) {
        try {
            Submission submission = submissions.submit(type.name(), record, principal, conditions);
            return new LineResult(id(jobId, line), jobId, line, submission.created() ? 201 : 200,
                    submission.receipt().entityKey(), submission.receipt().version(), null);
        }
        catch (RecordRejected e) {
            return refused(jobId, line, 422, "validation", "Record does not match its schema", e.getMessage(),
                    e.violations());
        }
        catch (SubmissionConflict e) {
            return refused(jobId, line, 409, "concurrent-submissions", "Concurrent submissions", e.getMessage(), null);
        }
        catch (DataAccessException e) {
            return refused(jobId, line, 503, "storage-unavailable", "Storage unavailable",
                    "The record store could not be reached for this line; submit it again.", null);
        }
    }

    private static LineResult refused(String jobId, long line, int status, String type, String title, String detail,
            List<FieldViolation> errors) {
        return new LineResult(id(jobId, line), jobId, line, status, null, null,
                new LineResult.Problem(TYPES + type, title, status, detail, errors));
    }

    private static String id(String jobId, long line) {
        return jobId + ":" + line;
    }
}
