package io.fillonce.sync.receipt;

import java.util.Set;

import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.EntityStates;
import io.fillonce.sync.system.Caller;
import io.fillonce.sync.system.NotFound;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A record's receipts for the cadre who submitted it (CADRE; ADMIN may read any). The canonical event names the
 * submitting principal but not a region, so a cadre sees the records it submitted a version of; anything else is
 * 404, the same as a record sync never saw.
 */
@RestController
class CadreReceiptController {

    private static final Set<String> ROLES = Set.of("CADRE", "ADMIN");

    private final EntityStates states;
    private final ReceiptBook book;

    CadreReceiptController(EntityStates states, ReceiptBook book) {
        this.states = states;
        this.book = book;
    }

    @GetMapping("/api/records/{type}/{entityKey}/receipts")
    Receipts receipts(@PathVariable String type, @PathVariable String entityKey,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller caller = Caller.of(principal, role, null).requireRole(ROLES);
        boolean admin = "ADMIN".equals(caller.role());
        EntityRecord entity = states.find(type, entityKey).filter(e -> admin || e.submittedBy(caller.principal()))
                .orElseThrow(() -> new NotFound("no " + type + " record '" + entityKey + "' "
                        + (admin ? "reached sync" : "submitted by " + caller.principal()) + " has receipts here"));
        return book.of(entity);
    }
}
