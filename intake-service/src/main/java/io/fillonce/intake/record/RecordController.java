package io.fillonce.intake.record;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Submit a record once; read an entity's current version. */
@RestController
@RequestMapping("/api/records")
class RecordController {

    static final String PRINCIPAL = "X-Fillonce-Principal";

    private final RecordBodies bodies;

    private final Submissions submissions;

    RecordController(RecordBodies bodies, Submissions submissions) {
        this.bodies = bodies;
        this.submissions = submissions;
    }

    @Operation(summary = "Submit a record of a registered type; answers 201 with the new version, or 200 when the "
            + "data equals the current version",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object", description = "The record, per its type's schema"))))
    @PostMapping(path = "/{type}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
    ResponseEntity<SubmissionReceipt> submit(@PathVariable String type,
            @RequestHeader(name = PRINCIPAL, required = false) String principal,
            @Parameter(hidden = true) InputStream body) throws IOException {
        String submitter = required(principal);
        Submission submission = submissions.submit(type, bodies.read(body), submitter);
        SubmissionReceipt receipt = submission.receipt();
        if (!submission.created()) {
            return ResponseEntity.ok().eTag(etag(receipt.version())).body(receipt);
        }
        return ResponseEntity.created(location(receipt)).eTag(etag(receipt.version())).body(receipt);
    }

    @Operation(summary = "The current version of an entity's record")
    @GetMapping("/{type}/{entityKey}")
    ResponseEntity<RecordView> current(@PathVariable String type, @PathVariable String entityKey,
            @RequestHeader(name = PRINCIPAL, required = false) String principal) {
        required(principal);
        RecordView record = submissions.current(type, entityKey);
        return ResponseEntity.ok().eTag(etag(record.version())).body(record);
    }

    private static String required(String principal) {
        if (principal == null || principal.isBlank()) {
            throw new MissingPrincipal();
        }
        return principal.strip();
    }

    private static String etag(int version) {
        return "\"" + version + "\"";
    }

    private static URI location(SubmissionReceipt receipt) {
        return UriComponentsBuilder.fromPath("/api/records/{type}/{entityKey}")
                .buildAndExpand(receipt.type(), receipt.entityKey())
                .encode()
                .toUri();
    }
}
