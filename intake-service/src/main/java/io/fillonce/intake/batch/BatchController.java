package io.fillonce.intake.batch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import io.fillonce.intake.record.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk upload: NDJSON or CSV, one record per line, each answered like a single submission (stored in chunks, see
 * {@link BatchRunner}); progress as a job at
 * {@code /api/records/{type}/batch/{jobId}} (under its type, so no record type name can clash with it).
 */
@RestController
@RequestMapping("/api/records")
class BatchController {

    static final String NDJSON = "application/x-ndjson";

    static final String CSV = "text/csv";

    private static final String PRINCIPAL = "X-Fillonce-Principal";

    private static final String ROLE = "X-Fillonce-Role";

    private static final String REGION = "X-Fillonce-Region";

    private final BatchJobs jobs;

    BatchController(BatchJobs jobs) {
        this.jobs = jobs;
    }

    @Operation(summary = "Upload many records of one type (NDJSON: one JSON object a line; CSV: a header row naming "
            + "properties, nested as a.b or /a/b, values coerced to the schema's types). Answers 202 with the job to "
            + "poll; every line is validated and answered on its own, as the single endpoint would (channel batch); "
            + "lines are stored in chunks, so progress advances a chunk at a time.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = NDJSON, schema = @Schema(type = "string")),
                    @Content(mediaType = CSV, schema = @Schema(type = "string")) }))
    @PostMapping(path = "/{type}/batch", consumes = { NDJSON, CSV })
    ResponseEntity<BatchJobView> upload(@PathVariable String type,
            @RequestHeader(name = PRINCIPAL, required = false) String principal,
            @RequestHeader(name = ROLE, required = false) String role,
            @RequestHeader(name = REGION, required = false) String region,
            @RequestHeader(name = "Content-Type") String contentType,
            @RequestHeader(name = "Fillonce-Schema-Version", required = false) String schemaVersion,
            @Parameter(hidden = true) InputStream body) throws IOException {
        Caller caller = Caller.of(principal, role, region);
        BatchFormat format = contentType.toLowerCase().startsWith(CSV) ? BatchFormat.CSV : BatchFormat.NDJSON;
        BatchJobDocument job = jobs.start(type, format, caller, schemaVersion, body);
        return ResponseEntity.accepted().location(URI.create("/api/records/" + job.type() + "/batch/" + job.id()))
                .body(jobs.view(job.type(), job.id(), 0, 0, caller));
    }

    @Operation(summary = "A bulk upload's state (RUNNING, DONE, FAILED), counts and one page of per-line results; "
            + "only its submitter (and OPS or ADMIN) sees it, for anyone else it is a 404 like a missing job")
    @GetMapping("/{type}/batch/{jobId}")
    BatchJobView job(@PathVariable String type, @PathVariable String jobId,
            @RequestHeader(name = PRINCIPAL, required = false) String principal,
            @RequestHeader(name = ROLE, required = false) String role,
            @RequestHeader(name = REGION, required = false) String region,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return jobs.view(type, jobId, page, size, Caller.of(principal, role, region));
    }
}
