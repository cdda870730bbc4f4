package io.fillonce.sync.audit;

import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Reads one entity's entries out of the audit blocks: the blocks holding one of its entries after the cursor (on a
 * real MongoDB through a multikey index on the entries' type and entity key), then its entries from them.
 */
@Component
class EntityAccessLog {

    private static final Logger log = LoggerFactory.getLogger(EntityAccessLog.class);

    private final MongoTemplate mongo;

    EntityAccessLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    EntityAccessPage page(String type, String entityKey, long after, int limit) {
        Criteria mine = where("type").is(type).and("entityKey").is(entityKey).and("seq").gt(after);
        List<Document> blocks = mongo.find(query(where("entries").elemMatch(mine)).with(Sort.by("_id")).limit(limit),
                Document.class, AuditLog.BLOCKS);
        List<EntityAccess> items = blocks.stream().flatMap(block -> AuditDocuments.entries(block).stream())
                .filter(e -> e.seq() > after && type.equals(e.type()) && entityKey.equals(e.entityKey()))
                .limit(limit).map(EntityAccessLog::access).toList();
        String next = String.valueOf(items.isEmpty() ? after : items.get(items.size() - 1).seq());
        return new EntityAccessPage(type, entityKey, items, next);
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndexes() {
        try {
            mongo.indexOps(AuditLog.BLOCKS).createIndex(new Index().on("entries.type", Sort.Direction.ASC)
                    .on("entries.entityKey", Sort.Direction.ASC));
        }
        catch (RuntimeException e) {
            log.warn("Could not create the audit log's entity index (entity queries scan): {}", e.toString());
        }
    }

    private static EntityAccess access(AuditEntry e) {
        return new EntityAccess(e.seq(), e.time(), e.action(), e.department(), e.actor(), e.channel(), e.version(),
                e.eventId(), e.fields(), e.purpose(), e.legalBasis(), e.payloadHash());
    }
}
