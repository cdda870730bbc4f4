package io.fillonce.sync.audit;

/**
 * What a walk of the chain from {@code from} to {@code to} found: {@code ok}, how many entries were checked and the
 * last sequence seen, or the first broken sequence, {@code problem} ({@code tampered}: an entry's hash or its link
 * to the one before does not match; {@code deleted}: a sequence is missing) and why.
 */
record AuditVerification(boolean ok, long from, long to, long checked, long lastSequence, Long brokenAt,
        String problem, String reason) {

    static AuditVerification ok(long from, long to, long checked, long lastSequence) {
        return new AuditVerification(true, from, to, checked, lastSequence, null, null, null);
    }

    static AuditVerification broken(long from, long to, long checked, long lastSequence, long at, String problem,
            String reason) {
        return new AuditVerification(false, from, to, checked, lastSequence, at, problem, reason);
    }
}
