package io.fillonce.sync.audit;

import io.fillonce.web.InvalidParameter;
import io.fillonce.web.Paging;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

    private final AuditVerifier verifier;
    private final EntityAccessLog accessLog;

    AuditController(AuditVerifier verifier, EntityAccessLog accessLog) {
        this.verifier = verifier;
        this.accessLog = accessLog;
    }

    @GetMapping("/verify")
    AuditVerification verify(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        long first = sequence("from", from, 1);
        long last = sequence("to", to, Long.MAX_VALUE);
        if (last < first) {
            throw InvalidParameter.of("to", "minimum", "'to' (" + last + ") must not be below 'from' (" + first + ")");
        }
        return verifier.verify(first, last);
    }

    @GetMapping("/entities/{type}/{entityKey}")
    EntityAccessPage entity(@PathVariable String type, @PathVariable String entityKey,
            Paging paging) {
        return accessLog.page(type, entityKey, paging.after(), paging.limit());
    }

    private static long sequence(String name, String value, long absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        if (!value.matches("\\d{1,18}") || Long.parseLong(value) < 1) {
            throw InvalidParameter.of(name, "pattern", "'" + name + "' must be a sequence number from 1, got '"
                    + value + "'");
        }
        return Long.parseLong(value);
    }
}
