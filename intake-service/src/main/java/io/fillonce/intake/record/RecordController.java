package io.fillonce.intake.record;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.audit.ReadAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Submit a record once, correct it with a merge patch; read an entity's current version and its history. */
@RestController
@RequestMapping("/api/records")
class RecordController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final RecordBodies bodies;

    private final Submissions submissions;

    private final RecordVersions versions;

    private final IdempotencyKeys idempotency;

    private final ReadAudit audit;

    RecordController(RecordBodies bodies, Submissions submissions, RecordVersions versions,
            IdempotencyKeys idempotency, ReadAudit audit) {
        this.bodies = bodies;
        this.submissions = submissions;
        this.versions = versions;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    @Operation(summary = "Submit a record of a registered type; answers 201 with the new version, or 200 when the "
            + "data equals the current version. With an Idempotency-Key, a repeat answers the first answer; with "
            + "If-Match, 412 unless the entity is at that version; Fillonce-Schema-Version picks an older schema.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object", description = "The record, per its type's schema"))))
    @PostMapping(path = "/{type}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
    ResponseEntity<SubmissionReceipt> submit(@PathVariable String type,
            VerifiedCaller caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = Submissions.SCHEMA_VERSION_HEADER, required = false) String schemaVersion,
            @Parameter(hidden = true) InputStream body) throws IOException {
        ObjectNode record = bodies.read(body);
        Submissions.Conditions conditions = new Submissions.Conditions(schemaVersion, new IfMatch(ifMatch),
                Submissions.CHANNEL);
        return answer(idempotency.run(caller.principal(), key, request("POST", type, record, conditions),
                () -> submissions.submit(type, record, caller, conditions)));
    }

    @Operation(summary = "Correct an entity with a JSON Merge Patch (RFC 7396) against the version If-Match names "
            + "(428 without it, 412 when stale): the merged record is validated and becomes a new version (channel "
            + "patch); 200 without a new version when nothing changes; a cadre corrects only entities of its region",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MERGE_PATCH,
                            schema = @Schema(type = "object", description = "Members to set; null removes one"))))
    @PatchMapping(path = "/{type}/{entityKey}", consumes = MERGE_PATCH)
    ResponseEntity<SubmissionReceipt> patch(@PathVariable String type, @PathVariable String entityKey,
            VerifiedCaller caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = Submissions.SCHEMA_VERSION_HEADER, required = false) String schemaVersion,
            @Parameter(hidden = true) InputStream body) throws IOException {
        ObjectNode patch = bodies.read(body);
        Submissions.Conditions conditions = new Submissions.Conditions(schemaVersion, new IfMatch(ifMatch),
                Submissions.PATCH_CHANNEL);
        return answer(idempotency.run(caller.principal(), key,
                request("PATCH", type + "/" + entityKey, patch, conditions),
                () -> submissions.patch(type, entityKey, patch, caller, conditions)));
    }

    @Operation(summary = "The current version of an entity's record; a cadre reads only entities of its region "
            + "(where the type names a region field), any other is a 404 like a missing one")
    @GetMapping("/{type}/{entityKey}")
    ResponseEntity<RecordView> current(@PathVariable String type, @PathVariable String entityKey,
            VerifiedCaller caller) {
        RecordView record = readable(ReadAudit.RECORD_READ, type, entityKey, caller);
        audit.read(caller.principal(), ReadAudit.RECORD_READ, type, entityKey, record.recordId(), record.version(),
                List.of(record.data()));
        return ResponseEntity.ok().eTag(etag(record.version())).body(record);
    }

    @Operation(summary = "Every version of an entity, oldest first: who, when, channel, which fields changed "
            + "(JSON Pointers added/removed/changed against the previous version) and the data")
    @GetMapping("/{type}/{entityKey}/history")
    RecordHistory history(@PathVariable String type, @PathVariable String entityKey,
            VerifiedCaller caller) {
        RecordView current = readable(ReadAudit.HISTORY_READ, type, entityKey, caller);
        RecordHistory history = versions.history(type, entityKey);
        audit.read(caller.principal(), ReadAudit.HISTORY_READ, type, entityKey, current.recordId(),
                current.version(), history.versions().stream().map(HistoryEntry::data).toList());
        return history;
    }

    private static String request(String method, String target, ObjectNode body, Submissions.Conditions conditions) {
        return method + " " + target + "\n" + conditions.schemaVersion() + "\n" + conditions.ifMatch().header() + "\n"
                + body;
    }

    private static ResponseEntity<SubmissionReceipt> answer(Submission submission) {
        SubmissionReceipt receipt = submission.receipt();
        if (!submission.created()) {
            return ResponseEntity.ok().eTag(etag(receipt.version())).body(receipt);
        }
        return ResponseEntity.created(location(receipt)).eTag(etag(receipt.version())).body(receipt);
    }

    /** The entity's current version if the caller may read it; a refused or missing one is audited, then a 404. */
    private RecordView readable(String action, String type, String entityKey, VerifiedCaller caller) {
        try {
            return submissions.current(type, entityKey, caller);
        }
        catch (RecordNotFound e) {
            audit.attempt(caller.principal(), action, type, entityKey,
                    e.refused() ? ReadAudit.REFUSED : ReadAudit.NOT_FOUND);
            throw e;
        }
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    private static URI location(SubmissionReceipt receipt) {
        return UriComponentsBuilder.fromPath("/api/records/{type}/{entityKey}")
                .buildAndExpand(receipt.type(), receipt.entityKey())
                .encode()
                .toUri();
    }
}
