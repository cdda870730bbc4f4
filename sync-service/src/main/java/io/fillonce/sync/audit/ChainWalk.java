package io.fillonce.sync.audit;

import java.util.List;

/**
 * One verification walk over consecutive blocks: each entry must have the next sequence number, link to the hash
 * of the entry before it and hash to what it says.
 */
final class ChainWalk {

    private final AuditHashing hashing;
    private final long from;
    private final long to;
    private long expected = -1;
    private String previous;
    private long checked;
    private AuditVerification broken;

    ChainWalk(AuditHashing hashing, long from, long to) {
        this.hashing = hashing;
        this.from = from;
        this.to = to;
    }

    /** Checks a block; false when the walk is over (broken, or past {@code to}). */
    boolean check(long blockId, List<AuditEntry> entries) {
        if (entries.isEmpty() || entries.get(0).seq() != blockId) {
            return fail(blockId, "tampered", "the block stored as sequence " + blockId + " does not start with it");
        }
        for (AuditEntry entry : entries) {
            if (entry.seq() > to) {
                return false;
            }
            if (!checkEntry(entry)) {
                return false;
            }
        }
        return true;
    }

    private boolean checkEntry(AuditEntry entry) {
        if (expected < 0) {
            expected = entry.seq();
            previous = entry.seq() == 1 ? AuditHashing.GENESIS : entry.prevHash();
        }
        if (entry.seq() != expected) {
            return fail(expected, "deleted", "sequence " + expected + (entry.seq() > expected + 1
                    ? " to " + (entry.seq() - 1) : "") + " is missing; the chain goes on at " + entry.seq());
        }
        if (!previous.equals(entry.prevHash())) {
            return fail(entry.seq(), "tampered", "its previous-entry hash does not match the hash of entry "
                    + (entry.seq() - 1) + ": one of the two was altered or replaced");
        }
        if (!hashing.hash(entry).equals(entry.hash())) {
            return fail(entry.seq(), "tampered", "hash mismatch: the entry's content was altered after it was written");
        }
        previous = entry.hash();
        expected++;
        if (entry.seq() >= from) {
            checked++;
        }
        return true;
    }

    /** Where the next block must start. */
    long next() {
        return expected;
    }

    boolean fail(long at, String problem, String reason) {
        broken = AuditVerification.broken(from, to, checked, expected - 1, at, problem, reason);
        return false;
    }

    AuditVerification result() {
        return broken != null ? broken : AuditVerification.ok(from, to, checked, Math.max(expected - 1, 0));
    }

    boolean isBroken() {
        return broken != null;
    }
}
