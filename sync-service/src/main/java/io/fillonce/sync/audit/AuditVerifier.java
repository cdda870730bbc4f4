package io.fillonce.sync.audit;

import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Walks the chain from the block holding {@code from - 1} (so the link into {@code from} is checked too) block by
 * block to {@code to} or its end. The end is an end only when no block is stored after it and the head hint does
 * not say the chain went further; otherwise the missing sequences were deleted.
 */
@Component
class AuditVerifier {

    private final MongoTemplate mongo;
    private final AuditHashing hashing;

    AuditVerifier(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.hashing = new AuditHashing(json);
    }

    AuditVerification verify(long from, long to) {
        ChainWalk walk = new ChainWalk(hashing, from, to);
        long start = Math.max(1, from - 1);
        Document block = mongo.findOne(query(where("_id").lte(start)).with(Sort.by(Sort.Direction.DESC, "_id"))
                .limit(1), Document.class, AuditLog.BLOCKS);
        long next = 1;
        while (true) {
            while (block != null) {
                if (!walk.check(block)) {
                    return walk.result();
                }
                next = walk.next();
                block = mongo.findById(next, Document.class, AuditLog.BLOCKS);
            }
            if (next > to) {
                return walk.result();
            }
            block = appendedMeanwhileOrMissing(walk, next);
            if (block == null) {
                return walk.result();
            }
        }
    }

    /** One step of the background round: what it found, where the next step goes on, whether it reached the end. */
    record Step(AuditVerification result, long next, String previousHash, boolean atTheEnd) {
    }

    /**
     * Walks whole blocks from sequence {@code next} on (the entries before it hashing to {@code previousHash}), by id
     * only, until at least {@code entries} entries are checked, the chain is found broken, or its end; the end is
     * checked as {@link #verify} checks it.
     */
    Step step(long next, String previousHash, long entries) {
        ChainWalk walk = ChainWalk.continuing(hashing, next, previousHash);
        Document block = mongo.findById(next, Document.class, AuditLog.BLOCKS);
        while (true) {
            while (block != null && walk.checked() < entries) {
                if (!walk.check(block)) {
                    return new Step(walk.result(), walk.next(), walk.previousHash(), false);
                }
                block = mongo.findById(walk.next(), Document.class, AuditLog.BLOCKS);
            }
            if (block != null) {
                return new Step(walk.result(), walk.next(), walk.previousHash(), false);
            }
            block = appendedMeanwhileOrMissing(walk, walk.next());
            if (block == null) {
                return new Step(walk.result(), walk.next(), walk.previousHash(), !walk.isBroken());
            }
        }
    }

    /**
     * At the apparent end: reads the head hint and looks for a later block first, then for the next block again.
     * A writer stores a block before it moves the hint, so a block appended while this walk ran is found by the
     * second look; otherwise a later block or a hint beyond the end means the sequences in between were deleted.
     */
    private Document appendedMeanwhileOrMissing(ChainWalk walk, long next) {
        Document hint = mongo.findById(AuditLog.HEAD_ID, Document.class, AuditLog.HEAD);
        Document later = mongo.findOne(query(where("_id").gt(next)).with(Sort.by("_id")).limit(1), Document.class,
                AuditLog.BLOCKS);
        Document appended = mongo.findById(next, Document.class, AuditLog.BLOCKS);
        if (appended != null) {
            return appended;
        }
        if (later != null) {
            long resumes = AuditDocuments.number(later, "_id");
            walk.fail(next, "deleted", "sequence " + next + (resumes > next + 1 ? " to " + (resumes - 1) : "")
                    + " is missing; the chain goes on at " + resumes);
            return null;
        }
        long reached = hint == null ? 1 : AuditDocuments.number(hint, "next");
        if (reached > next) {
            walk.fail(next, "deleted", "sequence " + next + (reached - 1 > next ? " to " + (reached - 1) : "")
                    + " is missing: the chain ends at " + (next - 1) + " but had reached " + (reached - 1));
        }
        return null;
    }
}
