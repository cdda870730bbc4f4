package io.fillonce.sync.audit;

import java.util.ArrayList;
import java.util.List;

import io.fillonce.web.Paging;
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

    /**
     * One page of the entity's accesses after {@code after} (null: from the start), in audit order, one item per
     * department an event reached; {@code next} is null once there is no more. The cursor names the last event a page
     * returned and, when the page ended inside it, how many of its recipients it returned ({@code <seq>} or
     * {@code <seq>.<n>}), so no item is skipped or repeated. Only blocks from the one holding the cursor on are read,
     * so a page costs the same however many came before it.
     */
    EntityAccessPage page(String type, String entityKey, String after, int limit) {
        Cursor from = Cursor.parse(after);
        String subject = type + "/" + entityKey;
        Criteria formerEntries = where("entries").elemMatch(where("type").is(type).and("entityKey").is(entityKey)
                .and("seq").gte(from.seq()));
        Criteria blocks = new Criteria().andOperator(where("_id").gte(firstBlockHolding(from.seq())),
                new Criteria().orOperator(where("subjects").is(subject), formerEntries));
        List<Positioned> items = new ArrayList<>();
        for (Document block : mongo.find(query(blocks).with(Sort.by("_id")), Document.class, AuditLog.BLOCKS)) {
            accesses(block, type, entityKey).stream().filter(item -> item.after(from)).forEach(items::add);
            if (items.size() > limit) {
                break;
            }
        }
        List<Positioned> page = items.stream().limit(limit).toList();
        String next = items.size() > limit ? page.get(page.size() - 1).cursor() : null;
        return new EntityAccessPage(type, entityKey, page.stream().map(Positioned::access).toList(), next);
    }

    /** The id of the block holding sequence number {@code seq} (blocks are keyed by their first entry's). */
    private long firstBlockHolding(long seq) {
        Document holding = mongo.findOne(query(where("_id").lte(seq)).with(Sort.by(Sort.Direction.DESC, "_id")),
                Document.class, AuditLog.BLOCKS);
        return holding == null ? 0 : AuditDocuments.number(holding, "_id");
    }

    /** Where a page ended: after the first {@code returned} recipients of event {@code seq} (-1: all of them). */
    record Cursor(long seq, int returned) {

        static final Cursor START = new Cursor(0, -1);

        static Cursor parse(String after) {
            if (after == null) {
                return START;
            }
            if (!after.matches("\\d{1,18}(\\.\\d{1,9})?")) {
                throw Paging.badCursor(after);
            }
            int dot = after.indexOf('.');
            return dot < 0 ? new Cursor(Long.parseLong(after), -1)
                    : new Cursor(Long.parseLong(after.substring(0, dot)), Integer.parseInt(after.substring(dot + 1)));
        }
    }

    /** An access with its place: the event's sequence number and which of its recipients it is. */
    private record Positioned(EntityAccess access, long seq, int recipient, boolean lastOfEvent) {

        boolean after(Cursor cursor) {
            return seq > cursor.seq() || seq == cursor.seq() && cursor.returned() >= 0 && recipient >= cursor.returned();
        }

        String cursor() {
            return lastOfEvent ? Long.toString(seq) : seq + "." + (recipient + 1);
        }
    }

    private List<Positioned> accesses(Document block, String type, String entityKey) {
        List<Positioned> found = new ArrayList<>();
        if (!AuditBlock.isBlock(block)) {
            AuditDocuments.entries(block).stream()
                    .filter(e -> type.equals(e.type()) && entityKey.equals(e.entityKey()))
                    .map(e -> new Positioned(new EntityAccess(e.seq(), e.time(), e.action(), e.department(),
                            e.actor(), e.channel(), e.version(), e.eventId(), e.fields(), e.purpose(), e.legalBasis(),
                            e.payloadHash(), null, null), e.seq(), 0, true))
                    .forEach(found::add);
            return found;
        }
        long seq = AuditDocuments.number(block, "_id");
        for (AuditEvent event : json.readValue(block.getString("entries"), AuditEvent[].class)) {
            if (type.equals(event.type()) && entityKey.equals(event.entityKey())) {
                List<AuditEvent.Recipient> recipients = event.recipients();
                for (int i = 0; i < recipients.size(); i++) {
                    AuditEvent.Recipient to = recipients.get(i);
                    found.add(new Positioned(new EntityAccess(seq, event.time(), event.action(), to.department(),
                            event.actor(), event.channel(), event.version(),
                            to.eventId() != null ? to.eventId() : event.eventId(), to.fields(), to.purpose(),
                            to.legalBasis(), to.payloadHash(), event.outcome(), to.keyDisclosed()), seq, i,
                            i == recipients.size() - 1));
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
