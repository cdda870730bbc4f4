package io.fillonce.intake.record;

import io.fillonce.identity.VerifiedCaller;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasing an entity's personal data where the law requires it: an admin's decision, with the reason and the legal
 * basis, which every department that received the entity is told.
 */
@RestController
class ErasureController {

    private final Erasures erasures;

    ErasureController(Erasures erasures) {
        this.erasures = erasures;
    }

    @Operation(summary = "Erase an entity (admins only): its last version has no data (channel erase, the erasure); "
            + "its history and every other trace of it are deleted; it is gone for readers at once, no version of it "
            + "is accepted until the erasure is finished, then a submission starts a new entity. A repeat answers "
            + "the same receipt.")
    @PostMapping("/api/records/{type}/{entityKey}/erase")
    ResponseEntity<SubmissionReceipt> erase(@PathVariable String type, @PathVariable String entityKey,
            @RequestBody ErasureRequest request,
            VerifiedCaller caller) {
        SubmissionReceipt erased = erasures.erase(type, entityKey, request.checked(), caller);
        return ResponseEntity.ok().eTag(RecordController.etag(erased.version())).body(erased);
    }
}
