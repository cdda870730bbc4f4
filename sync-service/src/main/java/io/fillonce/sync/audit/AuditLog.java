package io.fillonce.sync.audit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
 * The hash-chained audit log: every department message the fan-out wrote, every webhook delivery an endpoint
 * confirmed, every feed item read and every prefill read. Entries are appended in blocks ({@link AuditBlock}), one
 * MongoDB document each, whose {@code _id} is the sequence number of the block's first entry and whose hash chains
 * it to the block before; a block is appended only after the block before it was read, so two writers racing for
 * the same next sequence collide on {@code _id} (the loser reads the winner's block and chains after it). A block is
 * written whole or not at all, so a crash leaves no half-written chain. A block written from the audit topic names the last topic offset it holds
 * ({@code source}), so the topic's reader resumes after exactly what is stored. The head document is only a hint
 * of where the chain ends (it may lag behind after a crash, never run ahead), which verification uses to tell a
 * deleted tail from an end.
 */
@Component
public class AuditLog {

    static final String BLOCKS = "audit_log";
    /**
     * Key prefix of the audit-topic record of an erasure ({@link AuditAction#ERASED}): {@code <prefix><subject>}.
     * Its block is stored {@code erasing} the subject until {@link AuditRedaction} redacted every event naming it.
     */
    public static final String ERASURE_KEY_PREFIX = "~erasure/";
    static final String HEAD = "audit_head";
    static final String HEAD_ID = "head";
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private Position head;

    public AuditLog(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    /** Where the chain goes on: the next sequence number and the hash of the entry before it. */
    record Position(long next, String hash) {
    }

    /** The last audit-topic offset a stored block holds, per partition of the topic. */
    public record Source(int partition, long offset) {
    }

    /** Appends the events as consecutive entries of one block (see {@link #append(List, Set, Source)}). */
    public void append(List<AuditEvent> events, Source source) {
        append(events.stream().map(json::writeValueAsBytes).toList(),
                events.stream().map(AuditEvent::subject).collect(Collectors.toCollection(LinkedHashSet::new)), source);
    }

    /**
     * Appends the events (each an {@link AuditEvent} as JSON, kept exactly as given) as one block of consecutive
     * entries, and returns once it is stored, chained after every block any instance stored before.
     * {@code subjects}: the entities they concern; {@code source}, when not null, the last audit-topic offset among
     * them.
     */
    public synchronized void append(List<byte[]> events, Set<String> subjects, Source source) {
        append(events, subjects, source, Set.of(), Map.of());
    }

    /**
     * {@link #append(List, Set, Source)} of a batch that erases {@code erasing} (subjects) and whose events
     * {@code redacted} (index → the erasure's sequence) were redacted on the way in: both noted on the block.
     */
    synchronized void append(List<byte[]> events, Set<String> subjects, Source source, Set<String> erasing,
            Map<Integer, Long> redacted) {
        if (events.isEmpty()) {
            return;
        }
        while (true) {
            Position at = head != null ? head : end();
            Document block = AuditBlock.of(at.next(), at.hash(), events, subjects);
            if (source != null) {
                block.append("source", new Document("partition", source.partition()).append("offset", source.offset()));
            }
            if (!erasing.isEmpty()) {
                block.append(AuditRedaction.ERASING, List.copyOf(erasing));
            }
            if (!redacted.isEmpty()) {
                Document indexes = new Document();
                redacted.forEach((index, erasure) -> indexes.append(String.valueOf(index), erasure));
                block.append(AuditBlock.REDACTED, indexes);
            }
            try {
                mongo.insert(block, BLOCKS);
            }
            catch (DuplicateKeyException another) {
                head = null;
                continue;
            }
            catch (RuntimeException unknown) {
                head = null;
                throw unknown;
            }
            head = new Position(at.next() + events.size(), block.getString("hash"));
            hint(head, source);
            return;
        }
    }

    /**
     * The last audit-topic offset stored for the partition: from the head hint, then from the blocks after it
     * (a crash may have stored blocks without moving the hint). -1 when none is stored.
     */
    public synchronized long lastSourceOrNone(int partition) {
        Document hint = mongo.findById(HEAD_ID, Document.class, HEAD);
        long offset = sourceOffset(hint, partition);
        long next = hint == null ? 1 : AuditDocuments.number(hint, "next");
        for (Document block = mongo.findById(next, Document.class, BLOCKS); block != null;
                block = mongo.findById(next, Document.class, BLOCKS)) {
            offset = Math.max(offset, sourceOffset(block, partition));
            next = after(block).next();
        }
        return offset;
    }

    private static long sourceOffset(Document document, int partition) {
        if (document == null) {
            return -1;
        }
        Object sources = document.get("sources");
        if (sources instanceof Document byPartition && byPartition.get(String.valueOf(partition)) instanceof Number n) {
            return n.longValue();
        }
        if (document.get("source") instanceof Document source && AuditDocuments.number(source, "partition") == partition) {
            return AuditDocuments.number(source, "offset");
        }
        return -1;
    }

    /** The end of the stored chain: from the head hint, following blocks stored after it. */
    Position end() {
        Document hint = mongo.findById(HEAD_ID, Document.class, HEAD);
        Position at = hint == null ? new Position(1, AuditHashing.GENESIS)
                : new Position(AuditDocuments.number(hint, "next"), hint.getString("hash"));
        for (Document block = mongo.findById(at.next(), Document.class, BLOCKS); block != null;
                block = mongo.findById(at.next(), Document.class, BLOCKS)) {
            at = after(block);
        }
        return at;
    }

    /** Moves the hint forward (never back); another instance's later hint wins. */
    private void hint(Position at, Source source) {
        Update update = new Update().set("next", at.next()).set("hash", at.hash());
        if (source != null) {
            update.set("sources." + source.partition(), source.offset());
        }
        try {
            mongo.upsert(query(where("_id").is(HEAD_ID).and("next").lt(at.next())), update, HEAD);
        }
        catch (DuplicateKeyException ahead) {
            log.debug("Another instance moved the audit head past {}", at.next());
        }
        catch (RuntimeException e) {
            log.warn("Could not move the audit head hint to {} (the block is stored): {}", at.next(), e.toString());
        }
    }

    /** Where the chain goes on after a block of either format. */
    static Position after(Document block) {
        if (AuditBlock.isBlock(block)) {
            return new Position(AuditDocuments.number(block, "_id") + AuditBlock.count(block), block.getString("hash"));
        }
        List<AuditEntry> entries = AuditDocuments.entries(block);
        AuditEntry last = entries.get(entries.size() - 1);
        return new Position(last.seq() + 1, last.hash());
    }
}
