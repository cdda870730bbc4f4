package io.fillonce.registry.subscription;

import java.time.Instant;

import io.fillonce.identity.VerifiedCaller;

/**
 * One approval a sharing request needs. {@code party}: OWNER (the record type's owning department, or the
 * administrators where {@code department} is null) or ADMIN (an administrator, because the mapping reads SENSITIVE
 * fields). {@code decision}: null while pending, else APPROVED or REJECTED, by whom, when, why.
 */
record Approval(String party, String department, String decision, String by, Instant at, String reason) {

    static final String OWNER = "OWNER";
    static final String ADMIN = "ADMIN";

    boolean pending() {
        return decision == null;
    }

    /** Whether {@code caller} decides this approval: an administrator where no department does, else its owner. */
    boolean decidedBy(VerifiedCaller caller) {
        return department == null ? caller.isAdmin() : department.equals(caller.department());
    }

    Approval decided(String decided, VerifiedCaller caller, Instant now, String why) {
        return new Approval(party, department, decided, caller.principal(), now, why);
    }
}
