package io.fillonce.sync.ops;

import java.util.Optional;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.audit.AuditRecorder;
import io.fillonce.sync.receipt.ReceiptBook;
import io.fillonce.sync.receipt.Receipts;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.EntityStates;
import io.fillonce.web.NotFound;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sync's receipts for one entity (OPS and ADMIN): which department got which version on which channel, and when;
 * every read is audited (RECEIPTS_READ).
 */
@RestController
class ReceiptController {

    private final EntityStates states;
    private final ReceiptBook book;
    private final AuditRecorder audit;

    ReceiptController(EntityStates states, ReceiptBook book, AuditRecorder audit) {
        this.states = states;
        this.book = book;
        this.audit = audit;
    }

    @GetMapping("/api/ops/receipts/{type}/{entityKey}")
    Receipts receipts(@PathVariable String type, @PathVariable String entityKey,
            VerifiedCaller caller) {
        Optional<EntityRecord> entity = states.find(type, entityKey);
        audit.receiptsRead(caller.principal(), type, entityKey, entity.isEmpty() ? AuditEvent.NOT_FOUND : null);
        return book.of(entity.orElseThrow(() -> new NotFound("sync has not seen " + type + " '" + entityKey + "'")));
    }
}
