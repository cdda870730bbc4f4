package io.fillonce.sync.receipt;

import java.util.Optional;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.audit.AuditRecorder;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.EntityStates;
import io.fillonce.web.NotFound;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A record's receipts for the cadre who submitted it (CADRE; ADMIN may read any). The canonical event names the
 * submitting principal but not a region, so a cadre sees the records it submitted a version of; anything else is
 * 404, the same as a record sync never saw. Every read, refused and not-found ones too, is audited (RECEIPTS_READ)
 * before the answer leaves.
 */
@RestController
class CadreReceiptController {

    private final EntityStates states;
    private final ReceiptBook book;
    private final AuditRecorder audit;

    CadreReceiptController(EntityStates states, ReceiptBook book, AuditRecorder audit) {
        this.states = states;
        this.book = book;
        this.audit = audit;
    }

    @GetMapping("/api/records/{type}/{entityKey}/receipts")
    Receipts receipts(@PathVariable String type, @PathVariable String entityKey,
            VerifiedCaller caller) {
        boolean admin = caller.isAdmin();
        Optional<EntityRecord> found = states.find(type, entityKey);
        Optional<EntityRecord> entity = found.filter(e -> admin || e.submittedBy(caller.principal()));
        audit.receiptsRead(caller.principal(), type, entityKey, found.isEmpty() ? AuditEvent.NOT_FOUND
                : entity.isEmpty() ? AuditEvent.REFUSED : null);
        return book.of(entity.orElseThrow(() -> new NotFound("no " + type + " record '" + entityKey + "' "
                + (admin ? "reached sync" : "submitted by " + caller.principal()) + " has receipts here")));
    }
}
