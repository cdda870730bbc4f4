package io.fillonce.sync.audit;

import java.util.Set;

import io.fillonce.sync.system.Caller;
import io.fillonce.sync.system.InvalidInput;
import io.fillonce.sync.system.Paging;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for OPS and ADMIN: verification of the hash chain over a range of sequence numbers, and one
 * entity's access log (which departments received or read its data, when, how, which fields, why).
 */
@RestController
@RequestMapping("/api/ops/audit")
class AuditController {

    private static final Set<String> OPERATORS = Set.of("OPS", "ADMIN");

    private final AuditVerifier verifier;
    private final EntityAccessLog accessLog;

    AuditController(AuditVerifier verifier, EntityAccessLog accessLog) {
        this.verifier = verifier;
        this.accessLog = accessLog;
    }

    @GetMapping("/verify")
    AuditVerification verify(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        long first = sequence("from", from, 1);
        long last = sequence("to", to, Long.MAX_VALUE);
        if (last < first) {
            throw InvalidInput.of("to", "minimum", "'to' (" + last + ") must not be below 'from' (" + first + ")");
        }
        return verifier.verify(first, last);
    }

    @GetMapping("/entities/{type}/{entityKey}")
    EntityAccessPage entity(@PathVariable String type, @PathVariable String entityKey,
            @RequestParam(required = false) String after, @RequestParam(required = false) String limit,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        return accessLog.page(type, entityKey, Paging.cursor(after), Paging.limit(limit));
    }

    private static long sequence(String name, String value, long absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        if (!value.matches("\\d{1,18}") || Long.parseLong(value) < 1) {
            throw InvalidInput.of(name, "pattern", "'" + name + "' must be a sequence number from 1, got '"
                    + value + "'");
        }
        return Long.parseLong(value);
    }
}
