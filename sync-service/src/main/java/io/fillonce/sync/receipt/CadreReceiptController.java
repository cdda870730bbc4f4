package io.fillonce.sync.receipt;

import java.util.Set;

import io.fillonce.sync.delivery.Ledger;
import io.fillonce.sync.system.Caller;
import io.fillonce.sync.system.NotFound;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A record's receipts for the cadre who submitted it (CADRE; ADMIN may read any): every department, channel and
 * version from the delivery ledger. The canonical event names the submitting principal but not a region, so a cadre
 * sees the records it submitted a version of; anything else is 404, the same as a record sync never saw.
 */
@RestController
class CadreReceiptController {

    private static final Set<String> ROLES = Set.of("CADRE", "ADMIN");

    private final Ledger ledger;
    private final Submitters submitters;
    private final ReceiptMapper mapper;

    CadreReceiptController(Ledger ledger, Submitters submitters, ReceiptMapper mapper) {
        this.ledger = ledger;
        this.submitters = submitters;
        this.mapper = mapper;
    }

    @GetMapping("/api/records/{type}/{entityKey}/receipts")
    CadreReceipts receipts(@PathVariable String type, @PathVariable String entityKey,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller caller = Caller.of(principal, role, null).requireRole(ROLES);
        boolean visible = "ADMIN".equals(caller.role()) ? submitters.known(type, entityKey)
                : submitters.submitted(type, entityKey, caller.principal());
        if (!visible) {
            throw new NotFound("no " + type + " record '" + entityKey + "' "
                    + ("ADMIN".equals(caller.role()) ? "reached sync" : "submitted by " + caller.principal())
                    + " has receipts here");
        }
        return new CadreReceipts(type, entityKey,
                ledger.entity(type, entityKey).stream().map(mapper::receipt).toList());
    }
}
