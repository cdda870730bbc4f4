package io.fillonce.intake.batch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.form.FormWorkbook;
import io.fillonce.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Bulk upload: NDJSON, CSV or XLSX, one record per line (row), each answered like a single submission (stored in
 * chunks, see {@link BatchRunner}); progress as a job at {@code /api/records/{type}/batch/{jobId}} (under its type,
 * so no record type name can clash with it), and its rejected lines as a spreadsheet ({@link RejectedRows}).
 */
@RestController
@RequestMapping("/api/records")
class BatchController {

    static final String NDJSON = "application/x-ndjson";

    static final String CSV = "text/csv";

    static final String XLSX = FormWorkbook.CONTENT_TYPE;

    private final BatchJobs jobs;

    private final RejectedRows rejectedRows;

    BatchController(BatchJobs jobs, RejectedRows rejectedRows) {
        this.jobs = jobs;
        this.rejectedRows = rejectedRows;
    }

    @Operation(summary = "Upload many records of one type (NDJSON: one JSON object a line; CSV: a header row naming "
            + "properties, nested as a.b or /a/b, values coerced to the schema's types; XLSX: the template from "
            + "GET /api/forms/{type}/template.xlsx, columns read by its hidden path row, results numbered by "
            + "spreadsheet row; an XLSX that cannot be read, lacks the path row or names an unknown path is a 400, "
            + "one unpacking beyond the bounds a 413). Answers 202 with the job to poll; every line is validated and "
            + "answered on its own, as the single endpoint would (channel batch); lines are stored in chunks, so "
            + "progress advances a chunk at a time.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = NDJSON, schema = @Schema(type = "string")),
                    @Content(mediaType = CSV, schema = @Schema(type = "string")),
                    @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")) }))
    @PostMapping(path = "/{type}/batch", consumes = { NDJSON, CSV, XLSX })
    ResponseEntity<BatchJobView> upload(@PathVariable String type,
            VerifiedCaller caller,
            @RequestHeader(name = "Content-Type") String contentType,
            @RequestHeader(name = "Fillonce-Schema-Version", required = false) String schemaVersion,
            @Parameter(hidden = true) InputStream body) throws IOException {
        String mediaType = contentType.toLowerCase();
        BatchFormat format = mediaType.startsWith(CSV) ? BatchFormat.CSV
                : mediaType.startsWith(XLSX) ? BatchFormat.XLSX : BatchFormat.NDJSON;
        BatchJobDocument job = jobs.start(type, format, caller, schemaVersion, body);
        return ResponseEntity.accepted().location(URI.create("/api/records/" + job.type() + "/batch/" + job.id()))
                .body(jobs.view(job.type(), job.id(), Paging.first(0), caller));
    }

    @Operation(summary = "A bulk upload's state (RUNNING, DONE, FAILED), counts and one page of per-line results; "
            + "only its submitter (and OPS or ADMIN) sees it, for anyone else it is a 404 like a missing job")
    @GetMapping("/{type}/batch/{jobId}")
    BatchJobView job(@PathVariable String type, @PathVariable String jobId,
            VerifiedCaller caller, Paging paging) {
        return jobs.view(type, jobId, paging, caller);
    }

    @Operation(summary = "The rejected lines of a bulk upload (XLSX, CSV or NDJSON) as an XLSX in the template's "
            + "layout: each line's values as uploaded, plus the column 错误 Error naming its row and, for each "
            + "problem, the field (title and pointer), the rule and what is wrong. Only its submitter (and ADMIN) "
            + "gets it; for anyone else it is a 404 like a missing job. Values are kept only for refused lines, up "
            + "to fillonce.intake.jobs.kept-rejected-bytes per job; lines past that are listed without them.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = XLSX,
                    schema = @Schema(type = "string", format = "binary"))))
    @GetMapping(path = "/{type}/batch/{jobId}/rejected.xlsx", produces = XLSX)
    ResponseEntity<StreamingResponseBody> rejected(@PathVariable String type, @PathVariable String jobId,
            VerifiedCaller caller) {
        StreamingResponseBody sheet = rejectedRows.of(type, jobId, caller);
        String file = ContentDisposition.attachment().filename(type + "-" + jobId + "-rejected.xlsx").build()
                .toString();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, file).body(sheet);
    }
}
