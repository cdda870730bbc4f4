package io.fillonce.sync.ops;

import io.fillonce.sync.receipt.ReceiptBook;
import io.fillonce.sync.receipt.Receipts;
import io.fillonce.sync.state.EntityStates;
import io.fillonce.sync.system.Caller;
import io.fillonce.sync.system.NotFound;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Sync's receipts for one entity (OPS and ADMIN): which department got which version on which channel, and when. */
@RestController
class ReceiptController {

    private final EntityStates states;
    private final ReceiptBook book;

    ReceiptController(EntityStates states, ReceiptBook book) {
        this.states = states;
        this.book = book;
    }

    @GetMapping("/api/ops/receipts/{type}/{entityKey}")
    Receipts receipts(@PathVariable String type, @PathVariable String entityKey,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(DeadLetterController.OPERATORS);
        return book.of(states.find(type, entityKey).orElseThrow(() -> new NotFound("sync has not seen " + type + " '"
                + entityKey + "'")));
    }
}
