package io.fillonce.sync.prefill;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.sync.audit.Access;
import io.fillonce.sync.audit.AuditAction;
import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.audit.AuditRecorder;
import io.fillonce.web.NotFound;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prefill for department systems: what is already known about an entity, in the department's own schema. Only a
 * DEPARTMENT caller, for its own department (operators and administrators may not read personal data here). Every
 * way of finding nothing answers the same 404, so a caller learns nothing about an entity its subscriptions do not
 * cover. Every subscription view handed out is in the audit log (PREFILL_READ) before the answer leaves, and so is
 * every attempt that found nothing (outcome NOT_FOUND). Another department's prefill is refused by the shared role
 * table before this controller runs (and again here).
 */
@RestController
class PrefillController {

    private final Prefills prefills;
    private final AuditRecorder audit;
    private final Clock clock = Clock.systemUTC();

    PrefillController(Prefills prefills, AuditRecorder audit) {
        this.prefills = prefills;
        this.audit = audit;
    }

    @GetMapping("/api/prefill/{department}/{type}/{entityKey}")
    Prefill prefill(@PathVariable String department, @PathVariable String type, @PathVariable String entityKey,
            VerifiedCaller caller) {
        Instant now = clock.instant();
        Optional<Prefill> found = prefills.read(department, type, entityKey);
        if (found.isEmpty()) {
            audit.record(List.of(AuditEvent.attempt(now, caller.principal(), AuditAction.PREFILL_READ, department,
                    type, entityKey, "prefill", AuditEvent.NOT_FOUND)));
            throw new NotFound("department " + department + " has nothing to prefill for " + type + " " + entityKey);
        }
        Prefill prefill = found.get();
        audit.record(prefill.subscriptions().stream().map(view -> AuditEvent.of(Access.prefillRead(
                caller.principal(), department, type, entityKey, prefill.eventId(), prefill.version(), view.purpose(),
                view.legalBasis(), view.data().toString()), now, view.data())).toList());
        return prefill;
    }
}
