package io.fillonce.sync.ops;

import io.fillonce.sync.delivery.Ledger;
import io.fillonce.sync.system.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Sync's receipts for one entity (OPS and ADMIN): which department got which version on which channel, and when. */
@RestController
class ReceiptController {

    private final Ledger ledger;
    private final OpsMapper mapper;

    ReceiptController(Ledger ledger, OpsMapper mapper) {
        this.ledger = ledger;
        this.mapper = mapper;
    }

    @GetMapping("/api/ops/receipts/{type}/{entityKey}")
    Receipts receipts(@PathVariable String type, @PathVariable String entityKey,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(DeadLetterController.OPERATORS);
        return new Receipts(type, entityKey, ledger.entity(type, entityKey).stream().map(mapper::receipt).toList());
    }
}
