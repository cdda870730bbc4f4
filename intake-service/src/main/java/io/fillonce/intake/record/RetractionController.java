package io.fillonce.intake.record;

import io.fillonce.identity.VerifiedCaller;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retracting an entity entered for the wrong person (with the reason), and reinstating it: each a new version with
 * the same data, so the history keeps both (channel {@code retract} or {@code reinstate}, who, when); a cadre in its
 * region (as for a correction), or an admin.
 */
@RestController
@RequestMapping("/api/records/{type}/{entityKey}")
class RetractionController {

    private final Submissions submissions;

    RetractionController(Submissions submissions) {
        this.submissions = submissions;
    }

    @Operation(summary = "Retract: every department that received the entity gets fillonce.record.retracted; no new "
            + "version is accepted until it is reinstated")
    @PostMapping("/retract")
    ResponseEntity<SubmissionReceipt> retract(@PathVariable String type, @PathVariable String entityKey,
            @RequestBody RetractionRequest request,
            VerifiedCaller caller) {
        String reason = request.checkedReason();
        return answer(submissions.retract(type, entityKey, reason, caller));
    }

    @Operation(summary = "Reinstate a retracted entity: its data is shared again where subscriptions' filters want it")
    @PostMapping("/reinstate")
    ResponseEntity<SubmissionReceipt> reinstate(@PathVariable String type, @PathVariable String entityKey,
            VerifiedCaller caller) {
        return answer(submissions.reinstate(type, entityKey, caller));
    }

    private static ResponseEntity<SubmissionReceipt> answer(Submission submission) {
        SubmissionReceipt receipt = submission.receipt();
        return ResponseEntity.ok().eTag(RecordController.etag(receipt.version())).body(receipt);
    }
}
