package io.fillonce.sync.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The hash-chained audit log: every delivery a channel confirmed, every feed item read and every prefill read.
 * Entries are appended in blocks, one MongoDB document each, whose {@code _id} is the sequence number of the
 * block's first entry; a block is appended only after the block before it was read, so two writers racing for the
 * same next sequence collide on {@code _id} (the loser reads the winner's block and chains after it). A block is
 * written whole or not at all, so a crash leaves no half-written chain. The head document is only a hint of where
 * the chain ends (it may lag behind after a crash, never run ahead), which verification uses to tell a deleted
 * tail from an end.
 */
@Component
public class AuditLog {

    static final String BLOCKS = "audit-log";
    static final String HEAD = "audit-head";
    static final String HEAD_ID = "head";
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final MongoTemplate mongo;
    private final AuditHashing hashing;
    private final Clock clock = Clock.systemUTC();
    private Position head;

    public AuditLog(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.hashing = new AuditHashing(json);
    }

    /** Where the chain goes on: the next sequence number and the hash of the entry before it. */
    record Position(long next, String hash) {
    }

    /**
     * Appends the accesses as consecutive entries and returns once they are stored, chained after every entry
     * any instance stored before.
     */
    public synchronized void append(List<Access> accesses) {
        if (accesses.isEmpty()) {
            return;
        }
        String time = clock.instant().toString();
        while (true) {
            Position at = head != null ? head : end();
            List<AuditEntry> entries = chain(at, time, accesses);
            try {
                mongo.insert(new Document("_id", at.next()).append("entries",
                        entries.stream().map(AuditDocuments::document).toList()), BLOCKS);
            }
            catch (DuplicateKeyException another) {
                head = null;
                continue;
            }
            catch (RuntimeException unknown) {
                head = null;
                throw unknown;
            }
            AuditEntry last = entries.get(entries.size() - 1);
            head = new Position(last.seq() + 1, last.hash());
            hint(head);
            return;
        }
    }

    /** Appends one access. */
    public void append(Access access) {
        append(List.of(access));
    }

    private List<AuditEntry> chain(Position at, String time, List<Access> accesses) {
        List<AuditEntry> entries = new ArrayList<>(accesses.size());
        String previous = at.hash();
        long seq = at.next();
        for (Access a : accesses) {
            AuditEntry unhashed = new AuditEntry(seq++, time, a.actor(), a.action().name(), a.department(), a.type(),
                    a.entityKey(), a.recordId(), a.version(), a.eventId(), a.channel(), hashing.fieldsOf(a.payload()),
                    a.purpose(), a.legalBasis(), AuditHashing.payloadHash(a.payload()), previous, null);
            AuditEntry entry = withHash(unhashed, hashing.hash(unhashed));
            entries.add(entry);
            previous = entry.hash();
        }
        return entries;
    }

    /** The end of the stored chain: from the head hint, following blocks stored after it. */
    Position end() {
        Document hint = mongo.findById(HEAD_ID, Document.class, HEAD);
        Position at = hint == null ? new Position(1, AuditHashing.GENESIS)
                : new Position(AuditDocuments.number(hint, "next"), hint.getString("hash"));
        for (Document block = mongo.findById(at.next(), Document.class, BLOCKS); block != null;
                block = mongo.findById(at.next(), Document.class, BLOCKS)) {
            List<AuditEntry> entries = AuditDocuments.entries(block);
            AuditEntry last = entries.get(entries.size() - 1);
            at = new Position(last.seq() + 1, last.hash());
        }
        return at;
    }

    /** Moves the hint forward (never back); another instance's later hint wins. */
    private void hint(Position at) {
        try {
            mongo.upsert(query(where("_id").is(HEAD_ID).and("next").lt(at.next())),
                    new Update().set("next", at.next()).set("hash", at.hash()), HEAD);
        }
        catch (DuplicateKeyException ahead) {
            log.debug("Another instance moved the audit head past {}", at.next());
        }
        catch (RuntimeException e) {
            log.warn("Could not move the audit head hint to {} (the block is stored): {}", at.next(), e.toString());
        }
    }

    private static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(e.seq(), e.time(), e.actor(), e.action(), e.department(), e.type(), e.entityKey(),
                e.recordId(), e.version(), e.eventId(), e.channel(), e.fields(), e.purpose(), e.legalBasis(),
                e.payloadHash(), e.prevHash(), hash);
    }
}
