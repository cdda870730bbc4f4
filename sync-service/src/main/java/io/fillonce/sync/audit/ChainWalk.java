package io.fillonce.sync.audit;

import java.util.List;

import org.bson.Document;

/**
 * One verification walk over consecutive blocks. In a block of format 1 each entry must have the next sequence
 * number, link to the hash of the entry before it and hash to what it says; a block of format 2
 * ({@link AuditBlock}) must start at the next sequence number, link to the hash before it and hash to what it says
 * over all its entries.
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

    /** Checks a block of either format; false when the walk is over (broken, or past {@code to}). */
    boolean check(Document block) {
        long blockId = AuditDocuments.number(block, "_id");
        return AuditBlock.isBlock(block) ? checkBlock(blockId, block) : check(blockId, AuditDocuments.entries(block));
    }

    private boolean checkBlock(long blockId, Document block) {
        int count = AuditBlock.count(block);
        if (expected < 0) {
            expected = blockId;
            previous = blockId == 1 ? AuditHashing.GENESIS : block.getString("prevHash");
        }
        if (blockId != expected) {
            return fail(expected, "deleted", "sequence " + expected + (blockId > expected + 1 ? " to "
                    + (blockId - 1) : "") + " is missing; the chain goes on at " + blockId);
        }
        if (!previous.equals(block.getString("prevHash"))) {
            return fail(blockId, "tampered", "the block at sequence " + blockId + " does not link to the hash of the "
                    + "entries before it: one of the two was altered or replaced");
        }
        if (count < 1 || !AuditBlock.recomputed(block).equals(block.getString("hash"))) {
            return fail(blockId, "tampered", "hash mismatch: the entries " + blockId + " to " + (blockId + count - 1)
                    + " were altered, removed or reordered after they were written");
        }
        previous = block.getString("hash");
        expected = blockId + count;
        checked += Math.max(0, Math.min(to, blockId + count - 1) - Math.max(from, blockId) + 1);
        return blockId + count - 1 < to;
    }

    /** Checks a block of format 1, entry by entry. */
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

    /**
     * A walk that goes on from sequence {@code next}, the entries before it hashing to {@code previousHash} (the
     * background watch's next step): the link into its first block is checked too.
     */
    static ChainWalk continuing(AuditHashing hashing, long next, String previousHash) {
        ChainWalk walk = new ChainWalk(hashing, next, Long.MAX_VALUE);
        walk.expected = next;
        walk.previous = previousHash;
        return walk;
    }

    /** The hash of the last entry checked (what the next block must link to). */
    String previousHash() {
        return previous;
    }

    long checked() {
        return checked;
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
