package io.fillonce.sync.audit;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Reads one entity's accesses out of the audit blocks (an operator's query, not a hot path): the blocks that name
 * the entity after the cursor (format 2: in {@code subjects}; format 1: in an entry), on a real MongoDB through
 * multikey indexes, then its entries from them, one item per department view.
 */
@Component
class EntityAccessLog {

    private static final Logger log = LoggerFactory.getLogger(EntityAccessLog.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;

    EntityAccessLog(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    EntityAccessPage page(String type, String entityKey, long after, int limit) {
        String subject = type + "/" + entityKey;
        Criteria formerEntries = where("entries").elemMatch(where("type").is(type).and("entityKey").is(entityKey)
                .and("seq").gt(after));
        Criteria blocks = new Criteria().orOperator(where("subjects").is(subject), formerEntries);
        List<EntityAccess> items = new ArrayList<>();
        for (Document block : mongo.find(query(blocks).with(Sort.by("_id")), Document.class, AuditLog.BLOCKS)) {
            accesses(block, type, entityKey, after).forEach(items::add);
            if (items.size() >= limit) {
                break;
            }
        }
        List<EntityAccess> page = items.stream().limit(limit).toList();
        String next = String.valueOf(page.isEmpty() ? after : page.get(page.size() - 1).seq());
        return new EntityAccessPage(type, entityKey, page, next);
    }

    private List<EntityAccess> accesses(Document block, String type, String entityKey, long after) {
        List<EntityAccess> found = new ArrayList<>();
        if (!AuditBlock.isBlock(block)) {
            AuditDocuments.entries(block).stream()
                    .filter(e -> e.seq() > after && type.equals(e.type()) && entityKey.equals(e.entityKey()))
                    .map(e -> new EntityAccess(e.seq(), e.time(), e.action(), e.department(), e.actor(), e.channel(),
                            e.version(), e.eventId(), e.fields(), e.purpose(), e.legalBasis(), e.payloadHash(), null,
                            null))
                    .forEach(found::add);
            return found;
        }
        long seq = AuditDocuments.number(block, "_id");
        for (AuditEvent event : json.readValue(block.getString("entries"), AuditEvent[].class)) {
            if (seq > after && type.equals(event.type()) && entityKey.equals(event.entityKey())) {
                for (AuditEvent.Recipient to : event.recipients()) {
                    found.add(new EntityAccess(seq, event.time(), event.action(), to.department(), event.actor(),
                            event.channel(), event.version(), to.eventId() != null ? to.eventId() : event.eventId(),
                            to.fields(), to.purpose(), to.legalBasis(), to.payloadHash(), event.outcome(),
                            to.keyDisclosed()));
                }
            }
            seq++;
        }
        return found;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndexes() {
        try {
            mongo.indexOps(AuditLog.BLOCKS).createIndex(new Index().on("subjects", Sort.Direction.ASC));
            mongo.indexOps(AuditLog.BLOCKS).createIndex(new Index().on("entries.type", Sort.Direction.ASC)
                    .on("entries.entityKey", Sort.Direction.ASC));
        }
        catch (RuntimeException e) {
            log.warn("Could not create the audit log's entity indexes (entity queries scan): {}", e.toString());
        }
    }
}
