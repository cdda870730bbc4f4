package io.fillonce.intake.system;

import java.util.Set;

import io.fillonce.intake.audit.AuditUnavailable;
import io.fillonce.intake.batch.BatchTooLarge;
import io.fillonce.intake.batch.InvalidSpreadsheet;
import io.fillonce.intake.batch.UnknownBatchJob;
import io.fillonce.intake.batch.UploadsBusy;
import io.fillonce.intake.record.ErasureNotAllowed;
import io.fillonce.intake.record.IdempotencyKeyInFlight;
import io.fillonce.intake.record.IdempotencyKeyReused;
import io.fillonce.intake.record.InvalidIdempotencyKey;
import io.fillonce.intake.record.MalformedRecord;
import io.fillonce.intake.record.MissingReason;
import io.fillonce.intake.record.OutsideRegion;
import io.fillonce.intake.record.PreconditionFailed;
import io.fillonce.intake.record.PreconditionRequired;
import io.fillonce.intake.record.RecordCounts;
import io.fillonce.intake.record.RecordErased;
import io.fillonce.intake.record.RecordNotFound;
import io.fillonce.intake.record.RecordRejected;
import io.fillonce.intake.record.RecordRetracted;
import io.fillonce.intake.record.RecordTooLarge;
import io.fillonce.intake.record.RecordTypesLoading;
import io.fillonce.intake.record.SubmissionConflict;
import io.fillonce.intake.record.UnknownRecordType;
import io.fillonce.intake.record.UnknownSchemaVersion;
import io.fillonce.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Intake's own exceptions as RFC 9457 problems; what every service answers alike (bad input, identity, roles, the
 * data store) is service-web's {@code ConventionalProblems}, after this. A domain problem answering a write under
 * {@code /api/records/} counts as a rejected record ({@link RecordCounts#rejected}) under the type its path names.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

    private static final String RECORDS = "/api/records/";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final RecordCounts counts;

    ProblemAdvice(RecordCounts counts) {
        this.counts = counts;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(RecordRejected e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation",
                "Record does not match its schema", e, request);
        problem.setProperty("errors", e.violations());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> missingReason(MissingReason e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation", "The reason is missing", e,
                request);
        problem.setProperty("errors", e.violations());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> retracted(RecordRetracted e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "retracted", "Retracted", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> erased(RecordErased e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "erased", "Being erased", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailable e, HttpServletRequest request) {
        return respondLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable", "Try again shortly", e,
                request), "2");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> outsideRegion(OutsideRegion e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "outside-region", "Outside your region", e, request);
        problem.setProperty("errors", e.violations());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownType(UnknownRecordType e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "unknown-record-type", "Unknown record type", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> loading(RecordTypesLoading e, HttpServletRequest request) {
        return respondLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "registry-loading", "Registry still loading", e,
                request), "1");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(RecordNotFound e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "record-not-found", "No such record", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(RecordTooLarge e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "record-too-large", "Record too large", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> malformed(MalformedRecord e, HttpServletRequest request) {
        return respond(problem(HttpStatus.BAD_REQUEST, "malformed-record", "Malformed record", e, request));
    }

    /** Only an administrator erases (the role table says so at the door; the erasure itself checks again). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> erasureNotAllowed(ErasureNotAllowed e, HttpServletRequest request) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(SubmissionConflict e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "concurrent-submissions", "Concurrent submissions", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> batchTooLarge(BatchTooLarge e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidSpreadsheet(InvalidSpreadsheet e, HttpServletRequest request) {
        return respond(e.tooLarge()
                ? problem(HttpStatus.CONTENT_TOO_LARGE, "spreadsheet-too-large", "Spreadsheet too large", e, request)
                : problem(HttpStatus.BAD_REQUEST, "invalid-spreadsheet", "Invalid spreadsheet", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> uploadsBusy(UploadsBusy e, HttpServletRequest request) {
        HttpStatus status = e.perCaller() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
        return respondLater(problem(status, e.perCaller() ? "too-many-uploads" : "uploads-busy",
                e.perCaller() ? "Too many bulk uploads" : "Bulk uploads busy", e, request), e.perCaller() ? "30" : "5");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownJob(UnknownBatchJob e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "unknown-job", "No such job", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReused e, HttpServletRequest request) {
        return respond(problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency key used for a different request", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> keyInFlight(IdempotencyKeyInFlight e, HttpServletRequest request) {
        return respondLater(problem(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request still in progress", e,
                request), "1");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidKey(InvalidIdempotencyKey e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid idempotency key",
                e, request);
        problem.setProperty("header", "Idempotency-Key");
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unconditional(PreconditionRequired e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required",
                "If-Match required", e, request);
        problem.setProperty("header", "If-Match");
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> stale(PreconditionFailed e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Version mismatch", e,
                request);
        problem.setProperty("header", "If-Match");
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownSchemaVersion(UnknownSchemaVersion e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-schema-version",
                "Unknown schema version", e, request);
        problem.setProperty("header", "Fillonce-Schema-Version");
        return respond(problem);
    }

    private ProblemDetail problem(HttpStatus status, String type, String title, RuntimeException e,
            HttpServletRequest request) {
        if (!READS.contains(request.getMethod()) && request.getRequestURI().startsWith(RECORDS)) {
            counts.rejected(recordType(request.getRequestURI()), type);
        }
        return ProblemResponses.problem(status, type, title, e.getMessage());
    }

    /** The first segment after {@code /api/records/}: the record type the request names (maybe not a known one). */
    private static String recordType(String path) {
        String rest = path.substring(RECORDS.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static ResponseEntity<ProblemDetail> respondLater(ProblemDetail problem, String seconds) {
        return ProblemResponses.respondLater(problem, Integer.parseInt(seconds));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ProblemResponses.respond(problem);
    }
}
