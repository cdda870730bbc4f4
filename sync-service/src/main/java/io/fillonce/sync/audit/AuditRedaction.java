package io.fillonce.sync.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fillonce.fieldrules.FieldHasher;
import io.fillonce.sync.mapping.FieldHashes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Takes an erased entity out of the audit log without breaking the chain: in every event of a format-3 block that
 * names the entity (its erasure's event too) the key and the payload hashes are emptied ({@link AuditBlock#blanked}),
 * and the block notes the event as redacted by the erasure's block ({@code redacted.<index>: <seq>}); the event
 * still says, verifiably, what happened, when, by whom and to which departments. The entity leaves the blocks'
 * {@code subjects}. A block stays {@value #ERASING} its subjects until that is done, so a crash midway is finished
 * at the next start or with the next block. Format-2 blocks hash their text and cannot be redacted: their events
 * keep the key (logged). The subject's keyed digest is kept ({@value #ERASED_SUBJECTS}) so that events naming it
 * that arrive later are redacted as they go in ({@link #redactLate}); and {@link EntityErased} is published, so
 * what the webhook feature keeps of the entity goes for every department.
 */
@Component
class AuditRedaction {

    static final String ERASING = "erasing";
    /** Keyed digests of erased subjects, with the sequence of their erasure: never a key. */
    static final String ERASED_SUBJECTS = "audit_erased_subjects";
    private static final int MAX_ROUNDS = 5;
    private static final Logger log = LoggerFactory.getLogger(AuditRedaction.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final FieldHasher erasedSubjects;
    private final ApplicationEventPublisher events;
    private volatile boolean behind;

    AuditRedaction(MongoTemplate mongo, JsonMapper json, FieldHashes hashes, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.json = json;
        this.erasedSubjects = hashes.forErasedSubjects();
        this.events = events;
    }

    /**
     * The events of a batch about to be chained, those that name an entity erased before them redacted as they go
     * in (a department confirming or reading an earlier version late): one lookup of the batch's subjects, by their
     * keyed digests, in the erased subjects.
     */
    Batch redactLate(List<byte[]> batch, List<String> subjects) {
        Map<String, String> digests = new HashMap<>();
        subjects.forEach(subject -> digests.computeIfAbsent(subject, erasedSubjects::hash));
        Map<String, Long> erased = new HashMap<>();
        mongo.find(query(where("_id").in(digests.values())), Document.class, ERASED_SUBJECTS)
                .forEach(known -> erased.put(known.getString("_id"), AuditDocuments.number(known, "erasure")));
        if (erased.isEmpty()) {
            return new Batch(batch, new LinkedHashSet<>(subjects), Map.of());
        }
        List<byte[]> kept = new ArrayList<>(batch.size());
        Set<String> named = new LinkedHashSet<>();
        Map<Integer, Long> redacted = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Long erasure = erased.get(digests.get(subjects.get(i)));
            if (erasure == null) {
                kept.add(batch.get(i));
                named.add(subjects.get(i));
            }
            else {
                kept.add(AuditBlock.blanked(new String(batch.get(i), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
                redacted.put(i, erasure);
            }
        }
        return new Batch(kept, named, redacted);
    }

    /**
     * A batch ready to be chained: its events, the subjects they still name (for the access log), and which of them
     * were redacted on the way in (index → sequence of the erasure's block).
     */
    record Batch(List<byte[]> events, Set<String> subjects, Map<Integer, Long> redacted) {
    }

    /**
     * Redacts what every block still erasing names; each subject leaves its erasing block once it is done. Runs at
     * start (finishing what a crash interrupted) and after each block holding an erasure; after a failure, again
     * with the next block the writer stores ({@link #redactIfBehind()}).
     */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void redactPending() {
        behind = true;
        try {
            for (Document block : mongo.find(query(where(ERASING).exists(true)).with(Sort.by("_id")), Document.class,
                    AuditLog.BLOCKS)) {
                long erasure = AuditDocuments.number(block, "_id");
                for (String subject : block.getList(ERASING, String.class, List.of())) {
                    redact(subject, erasure);
                    mongo.updateFirst(query(where("_id").is(erasure)), new Update().pull(ERASING, subject),
                            AuditLog.BLOCKS);
                }
                mongo.updateFirst(query(where("_id").is(erasure).and(ERASING).size(0)), new Update().unset(ERASING),
                        AuditLog.BLOCKS);
            }
            behind = false;
        }
        catch (RuntimeException e) {
            log.warn("Could not redact erased entities from the audit log yet (tried again later): {}", e.toString());
        }
    }

    /** Tries again what the last run could not finish. */
    void redactIfBehind() {
        if (behind) {
            redactPending();
        }
    }

    private void redact(String subject, long erasure) {
        mongo.save(new Document("_id", erasedSubjects.hash(subject)).append("erasure", erasure), ERASED_SUBJECTS);
        events.publishEvent(new EntityErased(subject));
        int slash = subject.indexOf('/');
        String type = subject.substring(0, slash);
        String entityKey = subject.substring(slash + 1);
        int redacted = 0;
        List<Document> blocks = mongo.find(query(where("subjects").is(subject)), Document.class, AuditLog.BLOCKS);
        for (int round = 0; !blocks.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("audit blocks " + blocks.stream().map(b -> b.get("_id")).toList()
                        + " kept changing while being redacted");
            }
            List<Document> overtaken = new ArrayList<>();
            for (Document block : blocks) {
                if (!AuditBlock.isRedactable(block)) {
                    log.warn("Audit block {} (format {}) names an erased entity of type {} and cannot be redacted "
                            + "without breaking the chain", block.get("_id"), block.get("v"), type);
                    continue;
                }
                List<String> texts = new ArrayList<>();
                Update update = new Update();
                int named = 0;
                for (String event : AuditBlock.events(block.getString("entries"))) {
                    JsonNode node = json.readTree(event);
                    boolean names = type.equals(node.path("type").asString(null))
                            && entityKey.equals(node.path("entityKey").asString(null));
                    if (names) {
                        update.set(AuditBlock.REDACTED + "." + texts.size(), erasure);
                        named++;
                    }
                    texts.add(names ? AuditBlock.blanked(event) : event);
                }
                // only over the text it read: another instance redacting another entity in this block meanwhile wins,
                // and the block is read again
                boolean written = mongo.updateFirst(query(where("_id").is(block.get("_id"))
                        .and("entries").is(block.getString("entries"))), update
                        .set("entries", AuditBlock.joinTexts(texts)).pull("subjects", subject), AuditLog.BLOCKS)
                        .getModifiedCount() > 0;
                if (written) {
                    redacted += named;
                }
                else {
                    overtaken.add(block);
                }
            }
            blocks = overtaken.isEmpty() ? List.of() : mongo.find(query(where("_id").in(overtaken.stream()
                    .map(block -> block.get("_id")).toList()).and("subjects").is(subject)), Document.class,
                    AuditLog.BLOCKS);
        }
        log.info("Erasure at audit sequence {}: {} audit events of a {} entity redacted", erasure, redacted, type);
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndex() {
        try {
            mongo.indexOps(AuditLog.BLOCKS).createIndex(new Index().on(ERASING, Sort.Direction.ASC).sparse());
        }
        catch (RuntimeException e) {
            log.warn("Could not create the audit log's erasing index (the redaction sweep scans): {}", e.toString());
        }
    }
}
