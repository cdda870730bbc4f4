package io.fillonce.sync.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fillonce.sync.audit.Access;
import io.fillonce.sync.audit.AuditAction;
import io.fillonce.sync.audit.AuditLog;

/**
 * Deliveries a channel confirmed in the current lane round, not yet marked in the ledger. {@link #flush()} first
 * appends them to the audit log as one block, then marks each DELIVERED: a crash in between leaves them waiting,
 * so they are sent (and audited) again — never marked delivered without an audit entry.
 */
final class Confirmations {

    static final String ACTOR = "sync-service";

    private record Confirmed(Delivery delivery, int attempts, Instant at, Long sequence) {
    }

    private final Ledger ledger;
    private final AuditLog audit;
    private final List<Confirmed> confirmed = new ArrayList<>();
    private final Set<String> subjects = new HashSet<>();

    Confirmations(Ledger ledger, AuditLog audit) {
        this.ledger = ledger;
        this.audit = audit;
    }

    void add(Delivery delivery, int attempts, Instant at, Long sequence) {
        confirmed.add(new Confirmed(delivery, attempts, at, sequence));
        subjects.add(delivery.subject());
    }

    /** True when a confirmed delivery of the subject is not marked yet (the ledger cannot tell about it). */
    boolean holds(String subject) {
        return subjects.contains(subject);
    }

    void flush() {
        if (confirmed.isEmpty()) {
            return;
        }
        audit.append(confirmed.stream().map(c -> access(c.delivery())).toList());
        confirmed.forEach(c -> ledger.delivered(c.delivery().id(), c.attempts(), c.at(), c.sequence()));
        confirmed.clear();
        subjects.clear();
    }

    static Access access(Delivery d) {
        return new Access(ACTOR, AuditAction.DELIVERED, d.department(), d.type(), d.entityKey(),
                Access.recordIdOf(d.eventId()), d.version(), d.eventId(), d.channel(), d.purpose(), d.legalBasis(),
                d.payload());
    }
}
