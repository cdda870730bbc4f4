package io.fillonce.sync.audit;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Takes an erased entity out of the audit log without breaking the chain: every event of a format-3 block that names
 * the entity (its erasure's event too) is rewritten without its key and its payload hashes, marked with the
 * sequence of the block that erased it ({@code "redacted": <seq>}); the block's digests keep the chain whole and the
 * redacted event still says what happened, when, by whom and to which departments. The entity leaves the blocks'
 * {@code subjects}. A block stays {@value #ERASING} its subjects until that is done, so a crash midway is finished
 * at the next start or sweep. Format-2 blocks hash their text and cannot be redacted: their events keep the key
 * (logged).
 */
@Component
class AuditRedaction {

    static final String ERASING = "erasing";
    private static final Logger log = LoggerFactory.getLogger(AuditRedaction.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private volatile boolean behind;

    AuditRedaction(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
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
        int slash = subject.indexOf('/');
        String type = subject.substring(0, slash);
        String entityKey = subject.substring(slash + 1);
        int redacted = 0;
        for (Document block : mongo.find(query(where("subjects").is(subject)), Document.class, AuditLog.BLOCKS)) {
            if (!AuditBlock.isRedactable(block)) {
                log.warn("Audit block {} (format {}) names an erased entity of type {} and cannot be redacted without "
                        + "breaking the chain", block.get("_id"), block.get("v"), type);
                continue;
            }
            List<String> events = new ArrayList<>();
            for (String event : AuditBlock.events(block.getString("entries"))) {
                JsonNode node = json.readTree(event);
                boolean names = type.equals(node.path("type").asString(null))
                        && entityKey.equals(node.path("entityKey").asString(null));
                events.add(names ? redacted(node, erasure) : event);
                redacted += names ? 1 : 0;
            }
            mongo.updateFirst(query(where("_id").is(block.get("_id"))), new Update()
                    .set("entries", AuditBlock.joinTexts(events)).pull("subjects", subject), AuditLog.BLOCKS);
        }
        log.info("Erasure at audit sequence {}: {} audit events of a {} entity redacted", erasure, redacted, type);
    }

    /** The event without the entity key and the hashes of what was handed out, marked as redacted by the erasure. */
    private String redacted(JsonNode event, long erasure) {
        ObjectNode kept = json.createObjectNode().put("redacted", erasure);
        event.properties().forEach(property -> {
            if (!property.getKey().equals("entityKey")) {
                kept.set(property.getKey(), property.getValue());
            }
        });
        kept.path("recipients").values().forEach(recipient -> {
            if (recipient instanceof ObjectNode to) {
                to.remove("payloadHash");
            }
        });
        return json.writeValueAsString(kept);
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
