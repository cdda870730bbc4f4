package io.fillonce.sync.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fillonce.sync.audit.AuditAction;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Counts confirmed deliveries per flow (record type × department × channel) from the audit topic, as the audit
 * writer chains it: a topic delivery counts once its fan-out transaction committed, a webhook delivery once the
 * endpoint confirmed it, a feed item once it was read. Per flow one totals document (delivered, fields filled, last
 * delivery) and a ring of {@value #SLOTS} one-minute documents (the recent rate), so what it keeps grows with the
 * number of flows, never with data. Each document names the last audit offset it counts ({@code through}) and is
 * replaced only if that is still what it names: a batch counted again after a crash changes nothing twice.
 */
@Component
public class FlowLedger {

    static final String TOTALS = "flow-totals";
    static final String MINUTES = "flow-minutes";
    static final int SLOTS = 16;

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final MeterRegistry meters;

    FlowLedger(MongoTemplate mongo, JsonMapper json, MeterRegistry meters) {
        this.mongo = mongo;
        this.json = json;
        this.meters = meters;
    }

    /** What an audit event says about deliveries; the rest of it is not read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Audited(String time, String action, String type, String channel, List<Recipient> recipients,
            String outcome) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Recipient(String department, List<String> fields) {
        }

        boolean confirmedDelivery() {
            return outcome == null && type != null && channel != null && recipients != null
                    && (AuditAction.DELIVERED.name().equals(action) || AuditAction.FEED_READ.name().equals(action));
        }
    }

    /** One department's confirmed copy: its flow, when, how many fields it filled, at which audit offset. */
    record Delivery(long offset, FlowKey flow, Instant at, int fields) {

        long minute() {
            return at.getEpochSecond() / 60;
        }

        String slot() {
            return flow.id() + "|" + Math.floorMod(minute(), SLOTS);
        }
    }

    /** Counts the confirmed deliveries of a polled batch of the audit topic (all of it, chained before or not). */
    public void count(List<ConsumerRecord<String, byte[]>> records) {
        List<Delivery> deliveries = deliveries(records);
        if (deliveries.isEmpty()) {
            return;
        }
        long through = records.get(records.size() - 1).offset();
        Map<String, List<Delivery>> byFlow = group(deliveries, delivery -> delivery.flow().id());
        Map<String, List<Delivery>> bySlot = group(deliveries, Delivery::slot);
        Map<String, Document> totals = stored(TOTALS, byFlow.keySet());
        Map<String, Document> minutes = stored(MINUTES, bySlot.keySet());
        BulkOperations totalWrites = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, TOTALS);
        BulkOperations minuteWrites = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, MINUTES);
        List<Delivery> counted = new ArrayList<>();
        int minuteCount = 0;
        for (Map.Entry<String, List<Delivery>> flow : byFlow.entrySet()) {
            Document known = totals.get(flow.getKey());
            List<Delivery> fresh = after(known, flow.getValue());
            if (!fresh.isEmpty()) {
                counted.addAll(fresh);
                totalWrites.upsert(unchanged(flow.getKey(), known), total(known, fresh, through));
            }
        }
        for (Map.Entry<String, List<Delivery>> slot : bySlot.entrySet()) {
            Document known = minutes.get(slot.getKey());
            List<Delivery> fresh = after(known, slot.getValue());
            if (!fresh.isEmpty()) {
                minuteCount++;
                minuteWrites.upsert(unchanged(slot.getKey(), known), minute(known, fresh, through));
            }
        }
        if (!counted.isEmpty()) { // an empty bulk write is an error
            totalWrites.execute();
        }
        if (minuteCount > 0) {
            minuteWrites.execute();
        }
        counted.forEach(delivery -> meters.counter("fillonce.deliveries", "type", delivery.flow().recordType(),
                "department", delivery.flow().department(), "channel", delivery.flow().channel(),
                "outcome", "delivered").increment());
    }

    private List<Delivery> deliveries(List<ConsumerRecord<String, byte[]>> records) {
        List<Delivery> deliveries = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Audited event;
            try {
                event = record.value() == null ? null : json.readValue(record.value(), Audited.class);
            }
            catch (JacksonException notAnEvent) {
                continue; // the audit writer leaves it out of the chain, loudly
            }
            if (event == null || !event.confirmedDelivery()) {
                continue;
            }
            Instant at = Instant.parse(event.time());
            for (Audited.Recipient recipient : event.recipients()) {
                deliveries.add(new Delivery(record.offset(), new FlowKey(event.type(), recipient.department(),
                        event.channel()), at, recipient.fields() == null ? 0 : recipient.fields().size()));
            }
        }
        return deliveries;
    }

    private static Map<String, List<Delivery>> group(List<Delivery> deliveries, Function<Delivery, String> by) {
        return deliveries.stream().collect(Collectors.groupingBy(by, LinkedHashMap::new, Collectors.toList()));
    }

    private Map<String, Document> stored(String collection, java.util.Set<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection).stream()
                .collect(Collectors.toMap(document -> document.getString("_id"), document -> document));
    }

    /** The deliveries the document does not count yet. */
    private static List<Delivery> after(Document known, List<Delivery> deliveries) {
        long through = known == null ? -1 : known.get("through", Number.class).longValue();
        return deliveries.stream().filter(delivery -> delivery.offset() > through).toList();
    }

    /** The document as it was read: absent, or naming the same {@code through}. */
    private static Query unchanged(String id, Document known) {
        Criteria same = Criteria.where("_id").is(id);
        return Query.query(known == null ? same.and("through").exists(false)
                : same.and("through").is(known.get("through")));
    }

    private static Update total(Document known, List<Delivery> fresh, long through) {
        FlowKey flow = fresh.get(0).flow();
        Instant last = fresh.stream().map(Delivery::at).max(Instant::compareTo).orElseThrow();
        Date before = known == null ? null : known.getDate("lastDelivery");
        if (before != null && before.toInstant().isAfter(last)) {
            last = before.toInstant();
        }
        return new Update().set("recordType", flow.recordType()).set("department", flow.department())
                .set("channel", flow.channel())
                .set("delivered", number(known, "delivered") + fresh.size())
                .set("fields", number(known, "fields") + fresh.stream().mapToLong(Delivery::fields).sum())
                .set("lastDelivery", Date.from(last)).set("through", through);
    }

    /** A minute slot: counts of its minute; a newer minute starts it afresh, an older one than it holds is past. */
    private static Update minute(Document known, List<Delivery> fresh, long through) {
        long minute = known == null ? Long.MIN_VALUE : number(known, "minute");
        long delivered = number(known, "delivered");
        for (Delivery delivery : fresh) {
            if (delivery.minute() > minute) {
                minute = delivery.minute();
                delivered = 0;
            }
            if (delivery.minute() == minute) {
                delivered++;
            }
        }
        FlowKey flow = fresh.get(0).flow();
        return new Update().set("flow", flow.id()).set("minute", minute).set("delivered", delivered)
                .set("through", through);
    }

    private static long number(Document document, String field) {
        Number value = document == null ? null : document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** The totals of every flow that delivered anything. */
    List<Document> totals() {
        return mongo.findAll(Document.class, TOTALS);
    }

    /** Deliveries per flow id in the minutes from {@code fromMinute} on (epoch minutes). */
    Map<String, Long> deliveredSince(long fromMinute) {
        Map<String, Long> delivered = new LinkedHashMap<>();
        for (Document slot : mongo.findAll(Document.class, MINUTES)) {
            if (number(slot, "minute") >= fromMinute) {
                delivered.merge(slot.getString("flow"), number(slot, "delivered"), Long::sum);
            }
        }
        return delivered;
    }
}
